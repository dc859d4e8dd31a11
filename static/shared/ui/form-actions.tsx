import Button from '@atlaskit/button/default/button';

export interface FormActionsProps {
  busy: boolean;
  /** The submit button's words, and (if they differ) what it says while the form saves. */
  save: string;
  saving?: string;
  /** Without `onCancel` there is no Cancel button. */
  cancel?: string;
  onCancel?: () => void;
  /** Cancel waits for the save too (where cancelling mid-save would lose the answer). */
  lockCancel?: boolean;
  /** Another reason the form cannot be sent (e.g. the viewer may only read). */
  disabled?: boolean;
  /** The bar's layout class: a section's toolbar, a form's actions, or a row's compact action bar. */
  bar?: 'cx-toolbar' | 'cx-form-actions' | 'cx-action-bar';
  compact?: boolean;
}

/** A form's submit and Cancel buttons, the same on every surface; the surface says the words. */
export function FormActions({
  busy,
  save,
  saving,
  cancel,
  onCancel,
  lockCancel = false,
  disabled = false,
  bar = 'cx-form-actions',
  compact = false,
}: FormActionsProps) {
  const spacing = compact ? 'compact' : undefined;
  return (
    <div className={bar}>
      <Button appearance="primary" type="submit" spacing={spacing} isDisabled={busy || disabled}>
        {busy && saving ? saving : save}
      </Button>
      {onCancel && (
        <Button appearance="subtle" spacing={spacing} isDisabled={lockCancel && busy} onClick={onCancel}>
          {cancel}
        </Button>
      )}
    </div>
  );
}
