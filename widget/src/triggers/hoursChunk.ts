/**
 * The business-hours chunk's entry (dist/chunks/hours-<hash>.js): the
 * schedule code, which only rules with a `business_hours` condition need, so
 * widget.js fetches it only for sites that have one (see triggerRuntime.ts).
 */
export { withinBusinessHours } from '@mostrador/shared/triggers/hours';
