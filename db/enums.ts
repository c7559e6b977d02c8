// Enum values shared by the database schema and code that runs in the browser (form validation):
// plain arrays, so importing them does not bundle the table definitions.
export const CONTACT_METHODS = ['phone', 'email', 'text'] as const;
export const CONTACT_TIMES = ['morning', 'afternoon', 'evening', 'any'] as const;
export const PAIN_AREAS = ['lower_back', 'neck', 'mid_back', 'hip', 'knee', 'shoulder', 'other'] as const;
export const PAIN_DURATIONS = ['under_6_weeks', '6_weeks_to_3_months', '3_to_12_months', 'over_1_year'] as const;
export const TREATMENTS_TRIED = ['physical_therapy', 'medication', 'injections', 'chiropractic', 'surgery'] as const;
export const SURGERY_RECOMMENDED = ['yes', 'no', 'not_sure'] as const;
export const RED_FLAGS = ['bladder_bowel_control', 'groin_numbness', 'leg_weakness', 'fever', 'recent_trauma'] as const;
