import Avatar from '@atlaskit/avatar/avatar';
import type { Person } from '@contract';
import { useT } from '../i18n';

export function PersonChip({ person }: { person: Person }) {
  const t = useT();
  const inactive = person.active === false;
  return (
    <span className="cx-person">
      {/* The name is printed beside the avatar, so the image is decorative. */}
      <Avatar size="small" src={person.avatarUrl} name="" appearance="circle" />
      <span className="cx-person-name">
        {person.displayName}
        {inactive && <span className="cx-muted"> {t('common.inactive')}</span>}
      </span>
    </span>
  );
}
