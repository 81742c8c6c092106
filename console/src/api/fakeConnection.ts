import type { AgentClientEvents, RequestOf, ResponseOf } from '@mostrador/shared';
import type { AgentConnection, CommandName, CommandResult, ConnectionStatus, FactName, FactPayload } from './agentConnection.ts';

type Handler<Name extends CommandName> = (
  payload: RequestOf<AgentClientEvents, Name>,
) => CommandResult<ResponseOf<AgentClientEvents, Name>> | Promise<CommandResult<ResponseOf<AgentClientEvents, Name>>>;

/**
 * An in-memory AgentConnection for tests: commands go to handlers the test
 * registers, and the test plays the server's facts and connection changes.
 */
export class FakeConnection implements AgentConnection {
  connected = false;
  readonly sent: Array<{ name: CommandName; payload: unknown }> = [];
  private readonly handlers = new Map<CommandName, Handler<never>>();
  private readonly factListeners = new Map<FactName, Set<(payload: never) => void>>();
  private readonly statusListeners = new Set<(status: ConnectionStatus) => void>();

  handle<Name extends CommandName>(name: Name, handler: Handler<Name>): this {
    this.handlers.set(name, handler as unknown as Handler<never>);
    return this;
  }

  async request<Name extends CommandName>(
    name: Name,
    payload: RequestOf<AgentClientEvents, Name>,
  ): Promise<CommandResult<ResponseOf<AgentClientEvents, Name>>> {
    if (!this.connected) return { ok: false, error: { code: 'disconnected', message: 'Not connected' } };
    this.sent.push({ name, payload });
    const handler = this.handlers.get(name) as unknown as Handler<Name> | undefined;
    if (!handler) return { ok: false, error: { code: 'internal', message: `No handler for ${name}` } };
    return handler(payload);
  }

  on<Name extends FactName>(name: Name, listener: (payload: FactPayload<Name>) => void): () => void {
    const listeners = this.factListeners.get(name) ?? new Set();
    listeners.add(listener as (payload: never) => void);
    this.factListeners.set(name, listeners);
    return () => listeners.delete(listener as (payload: never) => void);
  }

  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  close(): void {
    this.connected = false;
  }

  emitFact<Name extends FactName>(name: Name, payload: FactPayload<Name>): void {
    for (const listener of this.factListeners.get(name) ?? []) (listener as (payload: FactPayload<Name>) => void)(payload);
  }

  setStatus(status: ConnectionStatus): void {
    this.connected = status === 'connected';
    for (const listener of this.statusListeners) listener(status);
  }

  sentOf(name: CommandName): unknown[] {
    return this.sent.filter((command) => command.name === name).map((command) => command.payload);
  }
}
