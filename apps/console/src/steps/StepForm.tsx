import { useTranslation } from 'react-i18next';
import { postStep, type ReturnView } from '../api/client';
import { DataForm } from '../forms/DataForm';
import { useSignedIn } from '../session';
import { nextFollowUp, stepUrl, type StepContext, type StepDef } from './catalog';

interface Props {
  def: StepDef;
  context: StepContext;
  /** The return's new view, and the step's name (to announce it). */
  onRecorded: (view: ReturnView, step: string) => void;
}

/** One step of a return as a form, posted under an idempotency key; the answer is the return's new view. */
export function StepForm({ def, context, onRecorded }: Props) {
  const { t } = useTranslation();
  const { session } = useSignedIn();
  const title = t(`steps.${def.id}`);
  const fields = [...def.fields, ...(def.moreFields?.(context) ?? [])];
  return (
    <DataForm
      id={`${def.id}${context.tranche ? `-${context.tranche.tranche}` : ''}`}
      title={title}
      fields={fields}
      initial={def.id === 'monitoring-visit' ? { followUp: nextFollowUp(context.view) } : undefined}
      submitLabel={t(fields.length ? 'form.record' : 'form.confirm', { what: title })}
      send={async (values) => {
        const url = stepUrl(def, context.view.caseRef, context.tranche?.tranche);
        const result = await postStep(session.token, url, def.toBody(values, context));
        if (result.ok) onRecorded(result.view, title);
        return result;
      }}
    />
  );
}
