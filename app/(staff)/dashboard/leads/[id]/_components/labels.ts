// How the warning signs read to staff: short, the same words as the patient's questions.
export const RED_FLAG_LABELS: Record<string, string> = {
  bladder_bowel_control: 'Problems peeing, or controlling pee or poo',
  groin_numbness: 'Numbness in the groin, genitals, bottom or inner thighs',
  leg_weakness: 'New or worsening weakness or numbness in the legs',
  fever: 'High temperature (fever) with back pain',
  recent_trauma: 'Pain after a recent serious fall, accident or injury',
};
