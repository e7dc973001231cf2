import { Redis } from 'ioredis';
import { MixzooError } from '@mixzoo/core';

/** The BullMQ queue a study's runs go on. */
export const QUEUE_NAME = 'mixzoo-runs';

/** How long a Redis that does not answer is waited for before the study or worker gives up. */
const CONNECT_TIMEOUT_MS = 3000;

/** Connection options of a Redis URL, as ioredis and BullMQ take them. */
export interface RedisAddress {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  /** rediss:// */
  tls?: { servername: string };
}

export interface QueueConnection {
  options: RedisAddress;
  /** The URL without its password, for messages and logs. */
  shown: string;
}

/** `redis://[:password@]host:port[/db]` (or `rediss://` for TLS) as connection options; E_USAGE for anything else. */
export function parseQueueUrl(text: string): QueueConnection {
  const expected = `expected redis://[:password@]host:port[/db] or rediss://... (TLS), got '${text.replace(/:[^:@/]*@/, ':***@')}'`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new MixzooError('E_USAGE', `--queue: ${expected}.`);
  }
  const db = url.pathname === '' || url.pathname === '/' ? 0 : Number(url.pathname.slice(1));
  const port = url.port === '' ? 6379 : Number(url.port);
  if ((url.protocol !== 'redis:' && url.protocol !== 'rediss:') || url.hostname === '' || !Number.isInteger(db) || db < 0) throw new MixzooError('E_USAGE', `--queue: ${expected}.`);
  const options: RedisAddress = { host: url.hostname.replace(/^\[|\]$/g, ''), port, db };
  if (url.username) options.username = decodeURIComponent(url.username);
  if (url.password) options.password = decodeURIComponent(url.password);
  if (url.protocol === 'rediss:') options.tls = { servername: options.host };
  return { options, shown: `${url.protocol}//${url.host}/${db}` };
}

/** Connects once and pings: E_QUEUE within seconds when Redis is unreachable or refuses us, instead of retrying forever. */
export async function checkReachable(connection: QueueConnection): Promise<void> {
  const redis = new Redis({ ...connection.options, lazyConnect: true, connectTimeout: CONNECT_TIMEOUT_MS, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  redis.on('error', () => {}); // reported by connect() below
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new MixzooError('E_QUEUE', `--queue: cannot reach Redis at ${connection.shown} (${(error as Error).message || 'no answer'}); start it, or check the host, port and password.`);
  } finally {
    redis.disconnect();
  }
}
