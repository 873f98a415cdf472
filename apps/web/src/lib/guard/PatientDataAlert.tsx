import './patientDataAlert.css';
import type { PatientDataVerdict } from './checkPatientData';
import { warningText } from './warningText';

/**
 * The patient-data warning inside the canvas (React): an alert under a node being edited, with
 * "Remove it" and, in warn mode, "Keep it anyway". Renders nothing while nothing is held.
 */
export function PatientDataAlert(props: {
  verdict: PatientDataVerdict;
  style?: React.CSSProperties;
  onRemove: () => void;
  onKeep: () => void;
}) {
  const { verdict, style, onRemove, onKeep } = props;
  const first = verdict.matches[0];
  if (!first) return null;
  return (
    <div className="qi-patient-data" role="alert" style={style}>
      <p>{warningText(first, verdict.mode)}</p>
      <button type="button" onClick={onRemove}>
        Remove it
      </button>
      {verdict.mode === 'warn' && (
        <button type="button" onClick={onKeep}>
          Keep it anyway
        </button>
      )}
    </div>
  );
}
