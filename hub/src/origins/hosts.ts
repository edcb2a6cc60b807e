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
    readonly mode: 'path' | 'subdomain',
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
   * `http://localhost:<port>`, browsers resolving `*.localhost` to loopback. Subdomain
   * is the default: left unset, a configuration that cannot have subdomains (publicUrl
   * at an IP address, port 0) falls back to path, and `fallback` says why.
   *
   * @throws {ConfigError} when subdomain is asked explicitly and cannot be had.
   */
  static fromConfig(config: Config): ServerOrigins {
    const mode = config.serverOrigins ?? 'subdomain';
    const impossible = Private.whyNoSubdomains(config);
    if (mode === 'subdomain' && impossible) {
      if (config.serverOrigins === 'subdomain') {
        throw new ConfigError(`serverOrigins: subdomain ${impossible}`);
      }
      const origins = ServerOrigins.fromConfig({
        ...config,
        serverOrigins: 'path'
      });
      origins.fallback = `subdomains ${impossible}`;
      return origins;
    }
    if (config.publicUrl) {
      return new ServerOrigins(mode, config.publicUrl);
    }
    const host = mode === 'subdomain' ? 'localhost' : config.host;
    return new ServerOrigins(
      mode,
      `http://${net.isIPv6(host) ? `[${host}]` : host}:${config.port}`
    );
  }

  /**
   * Why the default mode (subdomain) was not taken, to be logged at start; null when it
   * was, or when the mode was chosen.
   */
  fallback: string | null = null;

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

  /**
   * Whether a `Host` header is the hub's own (not another name of the machine, such as
   * `127.0.0.1:8000`, where the hub answers too but its cookies would not be the ones
   * the servers' origins are handed over from).
   */
  isHubHost(host: string | undefined): boolean {
    return (host ?? '').toLowerCase() === this._hubHost;
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

namespace Private {
  /** What stops a configuration from having subdomains, or null. */
  export function whyNoSubdomains(config: Config): string | null {
    if (config.publicUrl) {
      const hostname = new URL(config.publicUrl).hostname.replace(
        /^\[|\]$/g,
        ''
      );
      return net.isIP(hostname)
        ? `needs a host name for the hub, not the address ${hostname} (set publicUrl, e.g. https://candyce.example.fr)`
        : null;
    }
    return config.port === 0
      ? 'needs publicUrl or a fixed port: servers’ origins are made from the hub’s'
      : null;
  }
}
