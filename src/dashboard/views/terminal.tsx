// The terminal pane: xterm.js on a running container over the gateway's terminal WebSocket, resizing with its pane, showing the exit code.
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import './terminal.css';
import { useEffect, useRef, useState } from 'preact/hooks';

interface TerminalPaneProps {
  /** The container the shell runs in; the pane is made anew for each (its key). */
  container: { id: string; name: string };
  /** The dashboard's token: a browser cannot set a WebSocket's headers, so it goes in the first frame. */
  token: string | null;
  /** What runs: a shell by default. */
  cmd?: readonly string[];
  /** The gateway, when it is not the page's own origin. */
  gateway?: string | undefined;
}

/** The gateway's terminal URL for a container: ws(s) on the gateway's origin, the page's own by default. */
export function terminalUrl(containerId: string, cmd: readonly string[], gateway: string = location.href): string {
  const url = new URL(`/containers/${encodeURIComponent(containerId)}/exec`, gateway);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  for (const part of cmd) url.searchParams.append('cmd', part);
  url.searchParams.set('tty', '1');
  return url.href;
}

export function TerminalPane({ container, token, cmd = ['sh'], gateway }: TerminalPaneProps) {
  const host = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState('connecting');

  useEffect(() => {
    const element = host.current;
    if (!element) return undefined;
    const term = new Terminal({ cursorBlink: true, fontSize: 13, scrollback: 2000 });
    const fitAddon = new FitAddon();
    term.loadAddon(fitAddon);
    term.open(element);
    fitAddon.fit();

    const ws = new WebSocket(terminalUrl(container.id, cmd, gateway));
    ws.binaryType = 'arraybuffer';
    let ended = false;
    const send = (data: string | Uint8Array) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(data);
    };
    const sendSize = () => send(JSON.stringify({ type: 'resize', cols: term.cols, rows: term.rows }));
    ws.onopen = () => {
      if (token) send(JSON.stringify({ type: 'auth', authorization: `Bearer ${token}` }));
      sendSize();
      setStatus('running');
      term.focus();
    };
    ws.onmessage = (event: MessageEvent<ArrayBuffer | string>) => {
      if (typeof event.data !== 'string') {
        term.write(new Uint8Array(event.data));
        return;
      }
      const message = JSON.parse(event.data) as { type?: string; exitCode?: number; code?: string; message?: string };
      if (message.type === 'exit') {
        ended = true;
        setStatus(`exited with code ${message.exitCode}`);
      } else if (message.type === 'error') {
        ended = true;
        setStatus(`${message.code}: ${message.message}`);
      }
    };
    ws.onclose = (event) => {
      if (!ended) setStatus(`closed (${event.code}${event.reason ? `: ${event.reason}` : ''})`);
    };

    const encoder = new TextEncoder();
    const typed = term.onData((data) => send(encoder.encode(data)));
    // Bytes that are not UTF-8 text (some mouse reports) come as a binary string: one byte per character.
    const binary = term.onBinary((data) => send(Uint8Array.from(data, (c) => c.charCodeAt(0) & 0xff)));
    const resized = term.onResize(sendSize);
    // The pane's size decides the terminal's: fit on every change of it, and the resize goes to the process.
    const observer = new ResizeObserver(() => fitAddon.fit());
    observer.observe(element);

    return () => {
      observer.disconnect();
      typed.dispose();
      binary.dispose();
      resized.dispose();
      // Closing the socket hangs the shell up on the gateway's side.
      ws.close();
      term.dispose();
    };
  }, [container.id, token, gateway]);

  return (
    <section id="terminal">
      <h2>
        Terminal <span data-testid="terminal-target">{container.name}</span>{' '}
        <span data-testid="terminal-status" data-status={status}>
          {status}
        </span>
      </h2>
      <div ref={host} data-testid="terminal" style={{ height: '20rem' }} />
    </section>
  );
}
