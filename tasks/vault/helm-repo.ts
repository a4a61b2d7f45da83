/** The hashicorp chart repository. */
export const HELM_REPO = { name: 'hashicorp', url: 'https://helm.releases.hashicorp.com' };
