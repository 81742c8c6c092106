/**
 * The event emitter Socket.IO's client builds on, in place of
 * `@socket.io/component-emitter` in the widget's build (widget/build/shared.ts
 * aliases it here): the same behaviour for what engine.io-client,
 * socket.io-client and our codec call (`on`, `once`, `off` in its three
 * forms, `removeAllListeners`, `emit`, `emitReserved`), as a class, at half the
 * bytes of the original's prototype assignments. Listeners run in the order
 * they were added, on a copy of the list, so one may remove itself or
 * another while the event is being emitted.
 */
type Listener = (...args: never[]) => void;

export class Emitter {
  private _listeners = new Map<unknown, Listener[]>();

  on(event: unknown, listener: Listener): this {
    const list = this._listeners.get(event);
    if (list) list.push(listener);
    else this._listeners.set(event, [listener]);
    return this;
  }

  once(event: unknown, listener: Listener): this {
    const once = Object.assign((...args: never[]) => (this.off(event, once), listener.apply(this, args)), { fn: listener });
    return this.on(event, once);
  }

  /** No arguments: every listener goes; an event alone: that event's; with a listener: that one (also when added by `once`). */
  off(event?: unknown, listener?: Listener): this {
    if (!arguments.length) this._listeners.clear();
    else if (arguments.length === 1) this._listeners.delete(event);
    else {
      const list = this._listeners.get(event) ?? [];
      const at = list.findIndex((item) => item === listener || (item as { fn?: Listener }).fn === listener);
      if (at >= 0) list.splice(at, 1);
    }
    return this;
  }

  /** The original's alias of `off` that the engine calls (its `removeListener` only a cut upgrade probe did). */
  removeAllListeners(event?: unknown): this {
    return arguments.length ? this.off(event) : this.off();
  }

  emit(event: unknown, ...args: unknown[]): this {
    return this.emitReserved(event, ...args);
  }

  /** Always this class's dispatch: Socket.IO's socket overrides `emit` to send, and fires its own events (connect, disconnect) here. */
  emitReserved(event: unknown, ...args: unknown[]): this {
    for (const listener of [...(this._listeners.get(event) ?? [])]) (listener as (...args: unknown[]) => void).apply(this, args);
    return this;
  }
}
