import { EnvReader } from '@mpp/platform';

type Env = Record<string, string | undefined>;

/** integrations' settings, read and validated once at boot. */
export class IntegrationsConfig {
  constructor(
    /** The key webhook signing secrets are sealed with (AES-256-GCM) in events and read models: only signing opens them. */
    readonly webhookSecretsKey: string,
    /**
     * Whether webhooks may reach private, loopback and link-local addresses (development): false in the cluster and in
     * production; standalone outside production sets it true unless told otherwise.
     */
    readonly allowPrivateNetworks: boolean,
  ) {}

  static fromEnv(env: Env = process.env): IntegrationsConfig {
    const read = new EnvReader(env);
    return new IntegrationsConfig(read.secret('WEBHOOK_SECRETS_KEY'), read.bool('WEBHOOK_ALLOW_PRIVATE_NETWORKS', false));
  }
}

export const INTEGRATIONS_CONFIG = Symbol('INTEGRATIONS_CONFIG');
export const SECRET_BOX = Symbol('SECRET_BOX');
export const DELIVERY_LOG = Symbol('DELIVERY_LOG');
