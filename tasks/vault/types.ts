/** The parts of node-vault's client the namespace uses. */
export type NodeVaultClient = {
  read(path: string): Promise<any>;
  write(path: string, data: object): Promise<any>;
  delete(path: string): Promise<any>;
  list(path: string): Promise<any>;
};

export interface TokenRequest {
  policies: string[];
  ttl: string;
  explicitMaxTtl: string;
  displayName: string;
  renewable: boolean;
  orphan?: boolean;
}

export interface TokenInfo {
  ttl: number;
  renewable: boolean;
  policies: string[];
  explicit_max_ttl: number;
  display_name: string;
}

/** auth/token/lookup-accessor's answer, without the token id. */
export interface AccessorInfo extends TokenInfo {
  accessor: string;
  role?: string;
  issue_time?: string;
  expire_time?: string | null;
  creation_ttl?: number;
  orphan?: boolean;
  meta?: Record<string, string> | null;
  path?: string;
}
