/** A policy document HCL cannot parse; the message starts with "At line:col:". */
export class HclError extends Error {}
