// Keycloak's ClientRepresentation: the fields it knows (anything else is rejected, as Keycloak's
// JSON binding rejects unrecognized fields), their types, and the defaults a new client gets.
import { randomBytes, randomUUID } from 'node:crypto';

export type ClientRep = Record<string, unknown>;

const BOOLEAN = [
  'surrogateAuthRequired',
  'enabled',
  'alwaysDisplayInConsole',
  'bearerOnly',
  'consentRequired',
  'standardFlowEnabled',
  'implicitFlowEnabled',
  'directAccessGrantsEnabled',
  'serviceAccountsEnabled',
  'authorizationServicesEnabled',
  'directGrantsOnly',
  'publicClient',
  'frontchannelLogout',
  'fullScopeAllowed',
  'useTemplateConfig',
  'useTemplateScope',
  'useTemplateMappers',
];
const STRING = [
  'id',
  'clientId',
  'name',
  'description',
  'type',
  'rootUrl',
  'adminUrl',
  'baseUrl',
  'clientAuthenticatorType',
  'secret',
  'registrationAccessToken',
  'protocol',
  'clientTemplate',
  'origin',
];
const STRING_LIST = [
  'redirectUris',
  'webOrigins',
  'defaultRoles',
  'defaultClientScopes',
  'optionalClientScopes',
];
const INTEGER = ['notBefore', 'nodeReRegistrationTimeout'];
const OBJECT = [
  'attributes',
  'authenticationFlowBindingOverrides',
  'registeredNodes',
  'authorizationSettings',
  'access',
];
const LIST = ['protocolMappers'];
const KNOWN = new Set([...BOOLEAN, ...STRING, ...STRING_LIST, ...INTEGER, ...OBJECT, ...LIST]);

export class RepresentationError extends Error {}

/** Checks field names and types; returns a copy with Jackson's coercions applied. */
export function validateRep(input: unknown): ClientRep {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    throw new RepresentationError(
      'Cannot deserialize ClientRepresentation from a non-object value',
    );
  }
  const out: ClientRep = {};
  for (const [k, v] of Object.entries(input as ClientRep)) {
    if (!KNOWN.has(k)) {
      throw new RepresentationError(
        `Unrecognized field "${k}" (class org.keycloak.representations.idm.ClientRepresentation), not marked as ignorable`,
      );
    }
    if (v === null) continue;
    const bad = (type: string) =>
      new RepresentationError(`Cannot deserialize value of type \`${type}\` for field "${k}"`);
    if (BOOLEAN.includes(k)) {
      if (typeof v === 'boolean') out[k] = v;
      else if (v === 'true' || v === 'false') out[k] = v === 'true';
      else throw bad('java.lang.Boolean');
    } else if (STRING.includes(k)) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
        out[k] = String(v);
      else throw bad('java.lang.String');
    } else if (STRING_LIST.includes(k)) {
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
        throw bad('java.util.List<java.lang.String>');
      out[k] = [...new Set(v as string[])]; // Keycloak keeps these as sets
    } else if (INTEGER.includes(k)) {
      if (!Number.isInteger(typeof v === 'string' ? Number(v) : v)) throw bad('java.lang.Integer');
      out[k] = Number(v);
    } else if (OBJECT.includes(k)) {
      if (typeof v !== 'object' || Array.isArray(v)) throw bad('java.util.Map');
      if (k === 'attributes') {
        const attrs: Record<string, string> = {};
        for (const [ak, av] of Object.entries(v as Record<string, unknown>)) {
          if (av !== null && typeof av === 'object')
            throw bad('java.util.Map<java.lang.String,java.lang.String>');
          if (av !== null) attrs[ak] = String(av);
        }
        out[k] = attrs;
      } else out[k] = structuredClone(v);
    } else {
      if (!Array.isArray(v)) throw bad('java.util.List');
      out[k] = structuredClone(v);
    }
  }
  return out;
}

/** A new client as Keycloak stores it: defaults under the posted fields, a secret if confidential. */
export function newClient(rep: ClientRep): ClientRep {
  const client: ClientRep = {
    id: randomUUID(),
    surrogateAuthRequired: false,
    enabled: true,
    alwaysDisplayInConsole: false,
    clientAuthenticatorType: 'client-secret',
    redirectUris: [],
    webOrigins: [],
    notBefore: 0,
    bearerOnly: false,
    consentRequired: false,
    standardFlowEnabled: true,
    implicitFlowEnabled: false,
    directAccessGrantsEnabled: false,
    serviceAccountsEnabled: false,
    publicClient: false,
    frontchannelLogout: true,
    protocol: 'openid-connect',
    attributes: {},
    authenticationFlowBindingOverrides: {},
    fullScopeAllowed: true,
    nodeReRegistrationTimeout: -1,
    defaultClientScopes: ['web-origins', 'acr', 'roles', 'profile', 'basic', 'email'],
    optionalClientScopes: [
      'address',
      'phone',
      'offline_access',
      'organization',
      'microprofile-jwt',
    ],
    ...rep,
  };
  delete client.access; // computed per caller, never stored
  if (!client.publicClient && !client.bearerOnly && !client.secret) {
    client.secret = randomBytes(24).toString('base64url').slice(0, 32);
  }
  return client;
}

/** Keycloak's PUT: fields present replace, attributes merge (an empty value removes one). */
export function updateClient(current: ClientRep, rep: ClientRep): ClientRep {
  const next: ClientRep = { ...current };
  for (const [k, v] of Object.entries(rep)) {
    if (k === 'id' || k === 'access') continue;
    if (k === 'attributes') {
      const attrs = { ...(current.attributes as Record<string, string>) };
      for (const [ak, av] of Object.entries(v as Record<string, string>)) {
        if (av === '') delete attrs[ak];
        else attrs[ak] = av;
      }
      next.attributes = attrs;
    } else next[k] = v;
  }
  return next;
}

export const withAccess = (c: ClientRep): ClientRep => ({
  ...structuredClone(c),
  access: { view: true, configure: true, manage: true },
});
