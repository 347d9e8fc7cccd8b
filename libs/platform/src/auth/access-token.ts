import { errors, jwtVerify, type JWTPayload, SignJWT } from 'jose';
import { LRUCache } from 'lru-cache';
import { RequestActor } from '@mpp/contracts';
import { AppError } from '../errors/app-error';

export const ACCESS_TOKEN_ISSUER = 'mpp-identity';
export const ACCESS_TOKEN_AUDIENCE = 'mpp-gateway';
const ALGORITHM = 'HS256';

export interface AccessTokenClaims {
  accountId: string;
  roles: string[];
  /** The session (refresh-token family) it was issued for; logout ends that session. */
  sessionId?: string;
  expiresInSeconds: number;
  /** When the token is issued; defaults to now (tests pass a time to get an expired token). */
  issuedAt?: Date;
}

const keyOf = (secret: string) => new TextEncoder().encode(secret);

/** Signs an access token the gateway accepts: HS256, `sub` = account id, `roles` = platform roles. */
export async function signAccessToken(secret: string, claims: AccessTokenClaims): Promise<string> {
  const iat = Math.floor((claims.issuedAt ?? new Date()).getTime() / 1000);
  return new SignJWT({ roles: claims.roles, ...(claims.sessionId ? { sid: claims.sessionId } : {}) })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(claims.accountId)
    .setIssuer(ACCESS_TOKEN_ISSUER)
    .setAudience(ACCESS_TOKEN_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + claims.expiresInSeconds)
    .sign(keyOf(secret));
}

function unauthenticated(detail: string): AppError {
  return new AppError('UNAUTHENTICATED', 'unauthenticated', detail);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

async function verifiedPayload(secret: string, token: string): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      algorithms: [ALGORITHM],
      issuer: ACCESS_TOKEN_ISSUER,
      audience: ACCESS_TOKEN_AUDIENCE,
      requiredClaims: ['sub', 'exp'],
    });
    return payload;
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw unauthenticated('The access token has expired; refresh the session.');
    throw unauthenticated('The access token is not valid.');
  }
}

function actorOf(payload: JWTPayload): RequestActor {
  const roles = payload.roles ?? [];
  if (!payload.sub || !isStringArray(roles)) throw unauthenticated('The access token is not valid.');
  return { accountId: payload.sub, platformRoles: roles, ...(typeof payload.sid === 'string' ? { sessionId: payload.sid } : {}) };
}

/** Verifies signature, issuer, audience and expiry; answers the caller, or throws 401 UNAUTHENTICATED. */
export async function verifyAccessToken(secret: string, token: string): Promise<RequestActor> {
  return actorOf(await verifiedPayload(secret, token));
}

/**
 * verifyAccessToken for a server: a front end sends the same token with every request until it expires, and
 * checking its HMAC is an asynchronous WebCrypto job each time, so a token that passed is remembered until its
 * `exp` (a token cannot change: the same string verifies the same way until then). Refused tokens are not
 * remembered. Bounded: the least recently used of `maxTokens` make way.
 */
export class AccessTokenVerifier {
  private readonly verified: LRUCache<string, { actor: RequestActor; expiresAtMs: number }>;

  constructor(
    private readonly secret: string,
    maxTokens = 10_000,
  ) {
    this.verified = new LRUCache({ max: maxTokens });
  }

  async verify(token: string): Promise<RequestActor> {
    const known = this.verified.get(token);
    // The wall clock decides, as jose does (the cache's own TTL runs on a coarser monotonic clock).
    if (known && Date.now() < known.expiresAtMs) return known.actor;
    const payload = await verifiedPayload(this.secret, token);
    const actor = actorOf(payload);
    // requiredClaims makes exp present; jose refuses the token from that second on.
    const expiresAtMs = (payload.exp as number) * 1000;
    const ttl = expiresAtMs - Date.now();
    if (ttl > 0) this.verified.set(token, { actor, expiresAtMs }, { ttl });
    return actor;
  }
}
