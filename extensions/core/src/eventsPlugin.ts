import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';

import { ISignal, Signal } from '@lumino/signaling';

import { HubEventStream, IHubEvents, IHubNews } from './hubEvents';
import { ICandyceSession } from './tokens';

/**
 * Provides the hub's news stream: opened once the session knows a hub serves this
 * JupyterLab (nothing is asked of a plain JupyterLab), on the hub client's API root.
 */
export const eventsPlugin: JupyterFrontEndPlugin<IHubEvents> = {
  id: '@candyce/core:events',
  description:
    "Keeps the hub's news stream open and tells the other extensions what happens (new assignments, hand-ins…).",
  autoStart: true,
  provides: IHubEvents,
  requires: [ICandyceSession],
  activate: (_app: JupyterFrontEnd, session: ICandyceSession): IHubEvents => {
    let stream: HubEventStream | null = null;
    const relay = new Private.Relay();
    const follow = () => {
      const hub = session.mode === 'hub' ? session.hub : null;
      if (hub && !stream) {
        stream = new HubEventStream({ url: `${hub.baseUrl}/events` });
        relay.attach(stream);
        stream.start();
      } else if (!hub && stream) {
        stream.stop();
        stream = null;
      }
    };
    void session.ready.then(follow);
    session.changed.connect(follow);
    return relay;
  }
};

namespace Private {
  /**
   * The token's object, there from activation: it passes on the stream's signals once
   * the session has found the hub.
   */
  export class Relay implements IHubEvents {
    attach(stream: HubEventStream): void {
      this._stream = stream;
      stream.received.connect((_, news) => this._received.emit(news));
      stream.connectionChanged.connect((_, on) =>
        this._connectionChanged.emit(on)
      );
    }

    get connected(): boolean {
      return this._stream?.connected ?? false;
    }

    get received(): ISignal<IHubEvents, IHubNews> {
      return this._received;
    }

    get connectionChanged(): ISignal<IHubEvents, boolean> {
      return this._connectionChanged;
    }

    private _stream: HubEventStream | null = null;
    private readonly _received = new Signal<IHubEvents, IHubNews>(this);
    private readonly _connectionChanged = new Signal<IHubEvents, boolean>(this);
  }
}
