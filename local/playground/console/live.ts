import type { ChangeKind } from '../console-api';

interface LiveOptions {
  onChange: (kind: ChangeKind) => void;
  /** The stream came back after a break: changes may have been missed, so everything is re-read. */
  onReconnect: () => void;
  status: HTMLElement;
}

const RETRY_MS = 3000;
const LABELS = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…' };

/**
 * Live updates from /_playground/stream. EventSource reconnects by itself after a dropped connection;
 * if the server refused the stream outright (EventSource then gives up), a new one is opened later.
 */
export function connectLive(options: LiveOptions): void {
  let broken = false;

  const setStatus = (state: keyof typeof LABELS) => {
    options.status.dataset.state = state;
    options.status.textContent = LABELS[state];
  };

  const open = () => {
    const source = new EventSource('/_playground/stream');
    source.addEventListener('open', () => {
      setStatus('live');
      if (broken) options.onReconnect();
      broken = false;
    });
    source.addEventListener('change', (event) => {
      let kind: unknown;
      try {
        kind = (JSON.parse((event as MessageEvent<string>).data) as { kind?: unknown }).kind;
      } catch {
        return;
      }
      if (kind === 'messages' || kind === 'deliveries') options.onChange(kind);
    });
    source.addEventListener('error', () => {
      broken = true;
      setStatus('reconnecting');
      if (source.readyState === EventSource.CLOSED) {
        source.close();
        setTimeout(open, RETRY_MS);
      }
    });
  };

  setStatus('connecting');
  open();
}
