// MEDICAL_RECORD_NUMBER: hospitals assign their own formats, so an MRN is recognised by what labels
// it: "MRN", "MR#", "medical record (number)", "patient ID/number", "chart number", then 4-20
// letters, digits and dashes containing a digit. The cue is part of the pattern and the finding
// narrows to the id (group v). A separator is required after the cue, so words such as "chart
// numbers" never lend their tail to an id.
import type { Recognizer } from '../types.js';

const CUE = '\\b(?:MRN|MR#|med\\.?\\s{1,2}rec\\.?(?:\\s{1,2}(?:number|num|no\\.?|#))?|medical\\s{1,2}record(?:\\s{1,2}(?:number|num|no\\.?|#|id))?|patient\\s{1,2}(?:identifier|id|number|no\\.?|#)|chart\\s{1,2}(?:number|num|no\\.?|#|id)|unit\\s{0,2}(?:number|no\\.?|#))';
const LINK = '(?:\\s{1,3}(?:is|was))?[\\s:=#()-]{1,5}';
const ID = '(?=[A-Z-]{0,18}\\d)[A-Z0-9][A-Z0-9-]{2,18}[A-Z0-9]';

export const medicalRecordNumberRecognizer: Recognizer = {
  id: 'medical-record-number',
  entity: 'MEDICAL_RECORD_NUMBER',
  patterns: [{ name: 'cued', regex: new RegExp(`${CUE}${LINK}(?<v>${ID})(?![\\w-])`, 'i'), score: 0.85, digits: 1 }],
  // The cue words are listed too, so a cued id always outranks a phone reading of the same digits.
  context: ['mrn', 'medical', 'record', 'patient', 'chart', 'hospital', 'clinic', 'admitted', 'ehr', 'emr'],
};
