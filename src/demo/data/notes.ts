// Support-agent notes for the demo's free-text column. Placeholders are filled from the row:
// {first} {last} {email} {phone} {card} {last4} {street} {city} {state} {zip} {plan} {date}.
// About half mention personal data, as real CRM notes do; the rest mention none.
export const NOTE_TEMPLATES: readonly string[] = [
  'Called {first} at {phone} about a late invoice; promised a callback on Friday.',
  'Customer asked us to send receipts to {email} from now on.',
  '{first} {last} disputed a charge on the card ending {last4}; refund issued.',
  'Updated billing card to {card} after verifying identity by phone.',
  'Shipping address changed to {street}, {city}, {state} {zip}.',
  'Spoke with {first} {last} ({phone}); wants to move to the {plan} plan next month.',
  'Password reset requested from {email}; link sent.',
  'Left a voicemail for {first} on {phone}.',
  'Renewal reminder sent.',
  'No issues reported this quarter.',
  'Asked about annual billing discounts for the {plan} plan.',
  'Prefers chat support over phone calls.',
  'Onboarding call completed on {date}.',
  'Requested a copy of the data we hold (access request); forwarded to privacy team.',
];
