/**
 * Fake JupyterLab services for the plugin tests of every Candyce package, as
 * JupyterLab's own `packages/*-extension/test` build them: a real CommandRegistry, a
 * shell that records what is added and activated, and a session in the chosen mode.
 */
import type { CandyceRole, HubClient, ICandyceSession } from '@candyce/core';
import type { JupyterFrontEnd } from '@jupyterlab/application';
import { CommandRegistry } from '@lumino/commands';
import { Signal } from '@lumino/signaling';
import type { Widget } from '@lumino/widgets';

/**
 * A shell that keeps what the plugins add, by area.
 */
export class FakeShell {
  readonly added: { widget: Widget; area?: string; rank?: number }[] = [];
  readonly activated: string[] = [];
  currentWidget: Widget | null = null;

  add(widget: Widget, area?: string, options?: { rank?: number }): void {
    this.added.push({ widget, area, rank: options?.rank });
  }

  activateById(id: string): void {
    this.activated.push(id);
  }

  /** The widget added with this id, if any. */
  byId(id: string): { widget: Widget; area?: string; rank?: number } | null {
    return this.added.find(entry => entry.widget.id === id) ?? null;
  }
}

/**
 * A JupyterFrontEnd-like application: commands, shell, services.
 */
export function fakeApp(services: Record<string, unknown> = {}): {
  app: JupyterFrontEnd;
  shell: FakeShell;
  commands: CommandRegistry;
} {
  const commands = new CommandRegistry();
  const shell = new FakeShell();
  const app = {
    name: 'JupyterLab',
    commands,
    shell,
    serviceManager: { contents: {}, kernelspecs: {}, ...services },
    docRegistry: { getWidgetFactory: () => undefined },
    contextMenuHitTest: () => undefined,
    // No other plugin's service: as in a JupyterLab without them.
    resolveOptionalService: async () => null
  } as unknown as JupyterFrontEnd;
  return { app, shell, commands };
}

/**
 * A session already detected: standalone, or on the hub with these roles.
 */
export function fakeSession(
  options: { roles?: CandyceRole[]; hub?: HubClient | null } = {}
): ICandyceSession & { emitChanged(): void } {
  const hub = options.hub ?? null;
  const roles = options.roles ?? [];
  const changed = new Signal<ICandyceSession, void>({} as ICandyceSession);
  const session = {
    ready: Promise.resolve(),
    mode: hub ? 'hub' : 'standalone',
    user: hub
      ? { name: 'prof1', displayName: 'Anne Prof', roles, locale: 'fr_FR' }
      : null,
    locale: 'fr_FR',
    hub,
    hasRole: (role: CandyceRole) => !!hub && roles.includes(role),
    changed,
    emitChanged: () => changed.emit(undefined)
  } as const;
  return session as unknown as ICandyceSession & { emitChanged(): void };
}
