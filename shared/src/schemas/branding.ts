import { z } from 'zod';
import {
  BRANDING_SIDES,
  BRANDING_THEMES,
  HEX_COLOR,
  isLegible,
  LAUNCHER_STYLES,
  MAX_GREETING_CHARS,
  MAX_LAUNCHER_TEXT_CHARS,
  MAX_OFFSET_PX,
  MAX_TITLE_CHARS,
  MIN_TEXT_CONTRAST,
} from '../branding/contrast.ts';

const Color = z.string().trim().toLowerCase().regex(HEX_COLOR, 'A colour is #rrggbb');
const Offset = z.number().int().min(0).max(MAX_OFFSET_PX);
/** One text per widget language; empty means the widget's own words. */
const PerLanguage = (max: number) =>
  z.object({ ca: z.string().trim().max(max), es: z.string().trim().max(max), en: z.string().trim().max(max) });

/** The code the form reads to say which field a refusal is about. */
export const ILLEGIBLE_TEXT = 'illegible_text';

/**
 * How a site's widget looks, set by an admin (Admin → Branding). The text
 * colour must read on the brand colour at WCAG AA (4.5:1): the launcher's
 * label and the panel's header are written in it, so an illegible pair is
 * refused here, not merely warned about.
 */
export const Branding = z
  .object({
    color: Color,
    textColor: Color,
    side: z.enum(BRANDING_SIDES),
    /** Pixels from the chosen side and from the bottom (desktop; phones keep 12 px). */
    offsetX: Offset,
    offsetY: Offset,
    /** A round button, or a pill with the words "Open chat" beside the icon. */
    launcher: z.enum(LAUNCHER_STYLES),
    title: PerLanguage(MAX_TITLE_CHARS),
    greeting: PerLanguage(MAX_GREETING_CHARS),
    /** The initials of the agents online, in the header, while any are. */
    showTeam: z.boolean(),
    /** auto follows the shop visitor's prefers-color-scheme. */
    theme: z.enum(BRANDING_THEMES),
    /** The labelled launcher's words per language; empty keeps the widget's own ("Open chat"). Absent in looks saved before it existed. */
    launcherText: PerLanguage(MAX_LAUNCHER_TEXT_CHARS).default({ ca: '', es: '', en: '' }),
    /** A short tone when an agent's message arrives (one tab of the shop plays it); off unless the merchant turns it on. */
    sound: z.boolean().default(false),
  })
  .superRefine((b, ctx) => {
    if (!isLegible(b.textColor, b.color)) {
      ctx.addIssue({
        code: 'custom',
        path: ['textColor'],
        message: `${ILLEGIBLE_TEXT}: text on the brand colour needs a contrast of at least ${MIN_TEXT_CONTRAST}:1`,
      });
    }
  });
export type Branding = z.infer<typeof Branding>;
export type BrandingInput = z.input<typeof Branding>;

/**
 * What the widget gets in its handshake: the branding, and how long the
 * team has lately taken to answer (median seconds to the first reply, null
 * with too few recent conversations to say). Admin → Branding reads and
 * saves the same shape, so its preview shows the real reply time.
 */
export const WidgetBranding = z.object({ look: Branding, replySeconds: z.number().int().min(0).nullable() });
export type WidgetBranding = z.infer<typeof WidgetBranding>;

/** `branding:changed`: an admin saved the look; open widgets of the site apply it without a reload. */
export const BrandingChanged = z.object({ branding: WidgetBranding });
export type BrandingChanged = z.infer<typeof BrandingChanged>;
