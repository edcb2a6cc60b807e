import * as net from 'net';

import { ConfigError } from '../config/load';
import { Config } from '../config/schema';
import { isServerLabel, serverLabel } from './labels';

/**
 * What a request's `Host` names: the hub itself, or one server's origin.
 */
export type HostKind = { kind: 'hub' } | { kind: 'server'; label: string };

/**
 * The origins of the hub and of users' servers (`serverOrigins`).
 *
 * - `path`: one origin; servers under `/user/<name>/` of the hub's.
 * - `subdomain`: the hub at its own host, each server at `<label>.<hub host>` (same
 *   scheme and port), still under `/user/<name>/` there (a server's base URL does not
 *   change with the mode, so no server restarts when it changes).
 */
export class ServerOrigins {
  /**
   * @param hubUrl - the hub's public URL (subdomain mode): its host must be a name,
   *   not an IP address, for servers' names to go in front of it.
   * @throws {ConfigError} in subdomain mode without a usable hub host.
   */
  constructor(
    readonly mode: Config['serverOrigins'],
    hubUrl: string
  ) {
    const url = new URL(hubUrl);
    this.hubOrigin = url.origin;
    this._scheme = url.protocol;
    this._hubHost = url.host.toLowerCase();
    const hostname = url.hostname.replace(/^\[|\]$/g, '');
    if (mode === 'subdomain' && net.isIP(hostname)) {
      throw new ConfigError(
        `serverOrigins: subdomain needs a host name for the hub, not the address ${hostname} (set publicUrl, e.g. https://candyce.example.fr)`
      );
    }
  }

  /**
   * The origins a configuration gives: the hub at `publicUrl`, else (subdomain mode) at
   * `http://localhost:<port>`, browsers resolving `*.localhost` to loopback.
   *
   * @throws {ConfigError} in subdomain mode without publicUrl on port 0.
   */
  static fromConfig(config: Config): ServerOrigins {
    if (config.publicUrl) {
      return new ServerOrigins(config.serverOrigins, config.publicUrl);
    }
    if (config.serverOrigins === 'subdomain' && config.port === 0) {
      throw new ConfigError(
        'serverOrigins: subdomain needs publicUrl or a fixed port: servers’ origins are made from the hub’s'
      );
    }
    const host =
      config.serverOrigins === 'subdomain' ? 'localhost' : config.host;
    return new ServerOrigins(
      config.serverOrigins,
      `http://${net.isIPv6(host) ? `[${host}]` : host}:${config.port}`
    );
  }

  /** The hub's origin, `https://candyce.example.fr`. */
  readonly hubOrigin: string;

  /** Whether each server has an origin of its own. */
  get subdomains(): boolean {
    return this.mode === 'subdomain';
  }

  /**
   * What a `Host` header names. In path mode, always the hub; in subdomain mode a
   * server when it is one DNS label in front of the hub's host, else the hub (another
   * name of the machine, `127.0.0.1:8000`, is the hub's as it was before subdomains).
   */
  classify(host: string | undefined): HostKind {
    if (!this.subdomains || !host) {
      return { kind: 'hub' };
    }
    const lower = host.toLowerCase();
    const suffix = `.${this._hubHost}`;
    if (!lower.endsWith(suffix)) {
      return { kind: 'hub' };
    }
    const label = lower.slice(0, -suffix.length);
    return isServerLabel(label) ? { kind: 'server', label } : { kind: 'hub' };
  }

  /** The origin of a server, `https://eleve1.candyce.example.fr`. */
  serverOrigin(serverName: string): string {
    return `${this._scheme}//${serverLabel(serverName)}.${this._hubHost}`;
  }

  /** Whether an `Origin` header names a server's origin (any server's). */
  isServerOrigin(origin: string | undefined): boolean {
    if (!this.subdomains || !origin) {
      return false;
    }
    try {
      const url = new URL(origin);
      return (
        url.protocol === this._scheme &&
        this.classify(url.host).kind === 'server'
      );
    } catch {
      return false;
    }
  }

  private readonly _scheme: string;
  private readonly _hubHost: string;
}
