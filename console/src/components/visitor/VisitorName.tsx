import type { VisitorIdentity } from '@mostrador/shared';
import { useI18n } from '../../i18n/context.ts';

interface VisitorNameProps {
  identity: VisitorIdentity;
  /** The server's label ("Visitor 12"), for a visitor who never said who they are. */
  label: string;
}

/**
 * The visitor's name, and whether the shop vouched for it: a verified
 * customer gets a badge; a name the visitor merely claimed says so, since
 * anyone can type any name into a shop's page.
 */
export function VisitorName({ identity, label }: VisitorNameProps) {
  const { t } = useI18n();
  const claimed = identity.name ?? identity.email;
  return (
    <span class="visitor-name" data-part="visitor-name">
      <span class="visitor-name-text">{claimed ?? label}</span>
      {identity.verified ? (
        <span class="identity-badge verified" data-part="identity" data-verified="true">
          {t('visitor.verified')}
        </span>
      ) : (
        claimed !== null && (
          <span class="identity-badge unverified" data-part="identity" data-verified="false">
            {t('visitor.notVerified')}
          </span>
        )
      )}
    </span>
  );
}
