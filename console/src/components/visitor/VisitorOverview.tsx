import type { VisitorProfile } from '@mostrador/shared';
import { useI18n } from '../../i18n/context.ts';
import { formatFullTime, formatRelativeTime } from '../time.ts';
import { useMinuteClock } from '../useMinuteClock.ts';
import { deviceText } from './deviceText.ts';
import { languageName } from './format.ts';
import { LocalTime } from './LocalTime.tsx';
import { VisitorName } from './VisitorName.tsx';

/** Who the visitor is, whether they are still here, and the facts about their browser and visits. */
export function VisitorOverview({ profile }: { profile: VisitorProfile }) {
  const { t, language } = useI18n();
  const now = useMinuteClock();
  const { identity } = profile;
  const unknown = () => <span class="muted-text">{t('visitor.unknown')}</span>;
  return (
    <>
      <div class="visitor-summary">
        <p class="visitor-heading">
          <VisitorName identity={identity} label={profile.label} />
        </p>
        {identity.name !== null && identity.email !== null && <p class="visitor-email">{identity.email}</p>}
        {identity.verified && identity.customerId !== null && (
          <p class="visitor-email">{t('visitor.customerId', { id: identity.customerId })}</p>
        )}
        <p class="visitor-presence" data-part="presence" data-online={profile.online}>
          <span class="presence-dot" aria-hidden="true" />
          {profile.online ? t('visitor.online') : t('visitor.lastSeen', { time: formatRelativeTime(profile.lastSeenAt, now, language) })}
        </p>
      </div>
      <dl class="visitor-facts">
        <dt>{t('visitor.localTime')}</dt>
        <dd>{profile.timeZone ? <LocalTime timeZone={profile.timeZone} /> : unknown()}</dd>
        <dt>{t('visitor.language')}</dt>
        <dd>{profile.language ? languageName(profile.language, language) : unknown()}</dd>
        <dt>{t('visitor.device')}</dt>
        <dd data-part="device">{profile.device ? deviceText(profile.device, t) : unknown()}</dd>
        <dt>{t('visitor.firstSeen')}</dt>
        <dd>
          <time dateTime={new Date(profile.firstSeenAt).toISOString()}>{formatFullTime(profile.firstSeenAt, language)}</time>
        </dd>
        <dt>{t('visitor.visits')}</dt>
        <dd data-part="visits">{profile.visits}</dd>
      </dl>
    </>
  );
}
