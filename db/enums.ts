// Enum values shared by the database schema and code that runs in the browser (form validation):
// plain arrays, so importing them does not bundle the table definitions.
export const CONTACT_METHODS = ['phone', 'email', 'text'] as const;
export const CONTACT_TIMES = ['morning', 'afternoon', 'evening', 'any'] as const;
export const PAIN_AREAS = ['lower_back', 'neck', 'mid_back', 'hip', 'knee', 'shoulder', 'other'] as const;
export const PAIN_DURATIONS = ['under_6_weeks', '6_weeks_to_3_months', '3_to_12_months', 'over_1_year'] as const;
export const TREATMENTS_TRIED = ['physical_therapy', 'medication', 'injections', 'chiropractic', 'surgery'] as const;
export const SURGERY_RECOMMENDED = ['yes', 'no', 'not_sure'] as const;
export const RED_FLAGS = ['bladder_bowel_control', 'groin_numbness', 'leg_weakness', 'fever', 'recent_trauma'] as const;
export const LEAD_STATUSES = ['new', 'contacted', 'scheduled', 'consulted', 'became_patient', 'not_a_fit', 'no_response'] as const;
export const LEAD_URGENCIES = ['routine', 'urgent'] as const;
export const CALL_OUTCOMES = ['reached', 'voicemail', 'no_answer', 'wrong_number'] as const;
export const APPOINTMENT_STATUSES = ['booked', 'completed', 'cancelled', 'no_show'] as const;
