import { useFormat } from '../i18n';

/** An instant in the viewer's time zone; hovering shows it in full with the zone named. */
export function DateTime({ iso }: { iso: string }) {
  const fmt = useFormat();
  return (
    <time dateTime={iso} title={fmt.dateTimeLong(iso)}>
      {fmt.dateTime(iso)}
    </time>
  );
}
