/**
 * The `window.Mostrador(...)` command queue. Merchants may call the global
 * before our async script arrives, through this stub:
 *   window.Mostrador = window.Mostrador || function(){(Mostrador.q = Mostrador.q || []).push(arguments)}
 * On load we replay the queued calls in order, then replace the stub.
 */

/** What the commands act on. New commands (setCart, track) add a member here. */
export interface CommandHandlers {
  open(): void;
  close(): void;
  toggle(): void;
  /** A department slug for new conversations, or null to forget it. */
  setDepartment(slug: string | null): void;
  /** The shop's cart, as `{items, total, currency}`; checked by the handler. */
  setCart(cart: unknown): void;
  /** The logged-in customer, as `{id, name, email, hash}`; checked by the handler. */
  identify(customer: unknown): void;
  /** A custom event on this page, for the trigger rules that wait for it. */
  track(name: string): void;
  /** `Mostrador('on', 'addToCart', handler)`: a merchant's hook, kept as given; the panel checks it when it uses it. */
  on(event: unknown, handler: unknown): void;
}

/** The server refuses a `message:send` whose department is longer; better to ignore the command than lose messages. */
export const MAX_DEPARTMENT_CHARS = 40;
/** As long as a trigger rule's event name may be. */
export const MAX_EVENT_CHARS = 60;

/** The stub shape: a function that may carry a queue of `arguments` objects. */
interface QueuedStub {
  (...args: unknown[]): void;
  q?: ArrayLike<unknown>[];
}

export type MostradorGlobal = (command: string, ...args: unknown[]) => void;

export interface GlobalHost {
  Mostrador?: unknown;
}

/** Marks our real function, so a second copy of widget.js on the page can tell it is not alone. */
const INSTALLED = Symbol.for('mostrador.widget');

export function isCommandQueueInstalled(host: GlobalHost): boolean {
  return typeof host.Mostrador === 'function' && INSTALLED in host.Mostrador;
}

/** Commands whose arguments go to their handler as given: it checks them, or takes none. */
const AS_GIVEN = ['open', 'close', 'toggle', 'setCart', 'identify', 'on'] as const;

/** A trimmed name of 1 to `max` characters, or null. */
function nameOf(value: unknown, max: number): string | null {
  const name = typeof value === 'string' ? value.trim() : '';
  return name && name.length <= max ? name : null;
}

/** Runs one command. Only known names reach a handler. */
export function runCommand(handlers: CommandHandlers, args: ArrayLike<unknown>): void {
  const [name, ...rest] = Array.from(args);
  const [value] = rest;
  if (name === 'setDepartment') {
    // Unknown slugs are still sent: the server falls back to the site's default department.
    const slug = value === null ? null : nameOf(value, MAX_DEPARTMENT_CHARS);
    if (slug !== null || value === null) handlers.setDepartment(slug);
    else console.warn('[Mostrador] setDepartment needs a department slug (or null)');
  } else if (name === 'track') {
    // `Mostrador('track', name, props)`: the rules read the name only; props are the shop's to pass, and ignored.
    const event = nameOf(value, MAX_EVENT_CHARS);
    if (event) handlers.track(event);
    else console.warn('[Mostrador] track needs an event name');
  } else if (AS_GIVEN.includes(name as never)) {
    (handlers[name as (typeof AS_GIVEN)[number]] as (...args: unknown[]) => void)(...rest);
  } else console.warn(`[Mostrador] Unknown command ignored: ${String(name)}`);
}

function queuedCalls(existing: unknown): ArrayLike<unknown>[] {
  if (typeof existing !== 'function') return [];
  const queue = (existing as QueuedStub).q;
  return Array.isArray(queue) ? queue : [];
}

/** Drains the stub's queue in order, then installs the real function as the one global. */
export function installCommandQueue(host: GlobalHost, handlers: CommandHandlers): MostradorGlobal {
  for (const args of queuedCalls(host.Mostrador)) {
    // One bad command must not stop the ones after it.
    try {
      runCommand(handlers, args);
    } catch (error) {
      console.error('[Mostrador] Command failed', error);
    }
  }
  const mostrador: MostradorGlobal = (...args: unknown[]) => runCommand(handlers, args);
  Object.defineProperty(mostrador, INSTALLED, { value: true });
  host.Mostrador = mostrador;
  return mostrador;
}
