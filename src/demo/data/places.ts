// US cities with their state, the first three digits of their ZIP codes (the real sectional
// center prefix) and one of their telephone area codes, so that a generated address, ZIP and
// phone agree with each other. Street names and suffixes are the most common in the US.

export interface DemoCity {
  readonly city: string;
  readonly state: string;
  /** First three digits of the city's ZIP codes. */
  readonly zip3: string;
  /** An area code of the city. */
  readonly areaCode: string;
}

export const CITIES: readonly DemoCity[] = [
  { city: 'Chicago', state: 'IL', zip3: '606', areaCode: '312' },
  { city: 'Springfield', state: 'IL', zip3: '627', areaCode: '217' },
  { city: 'Austin', state: 'TX', zip3: '787', areaCode: '512' },
  { city: 'Houston', state: 'TX', zip3: '770', areaCode: '713' },
  { city: 'Denver', state: 'CO', zip3: '802', areaCode: '303' },
  { city: 'Portland', state: 'OR', zip3: '972', areaCode: '503' },
  { city: 'Seattle', state: 'WA', zip3: '981', areaCode: '206' },
  { city: 'Spokane', state: 'WA', zip3: '992', areaCode: '509' },
  { city: 'Sacramento', state: 'CA', zip3: '958', areaCode: '916' },
  { city: 'San Diego', state: 'CA', zip3: '921', areaCode: '619' },
  { city: 'San Jose', state: 'CA', zip3: '951', areaCode: '408' },
  { city: 'Phoenix', state: 'AZ', zip3: '850', areaCode: '602' },
  { city: 'Tucson', state: 'AZ', zip3: '857', areaCode: '520' },
  { city: 'Salt Lake City', state: 'UT', zip3: '841', areaCode: '801' },
  { city: 'Boise', state: 'ID', zip3: '837', areaCode: '208' },
  { city: 'Albuquerque', state: 'NM', zip3: '871', areaCode: '505' },
  { city: 'Omaha', state: 'NE', zip3: '681', areaCode: '402' },
  { city: 'Minneapolis', state: 'MN', zip3: '554', areaCode: '612' },
  { city: 'Madison', state: 'WI', zip3: '537', areaCode: '608' },
  { city: 'Milwaukee', state: 'WI', zip3: '532', areaCode: '414' },
  { city: 'Kansas City', state: 'MO', zip3: '641', areaCode: '816' },
  { city: 'Des Moines', state: 'IA', zip3: '503', areaCode: '515' },
  { city: 'Columbus', state: 'OH', zip3: '432', areaCode: '614' },
  { city: 'Cleveland', state: 'OH', zip3: '441', areaCode: '216' },
  { city: 'Indianapolis', state: 'IN', zip3: '462', areaCode: '317' },
  { city: 'Detroit', state: 'MI', zip3: '482', areaCode: '313' },
  { city: 'Nashville', state: 'TN', zip3: '372', areaCode: '615' },
  { city: 'Louisville', state: 'KY', zip3: '402', areaCode: '502' },
  { city: 'Atlanta', state: 'GA', zip3: '303', areaCode: '404' },
  { city: 'Tampa', state: 'FL', zip3: '336', areaCode: '813' },
  { city: 'Orlando', state: 'FL', zip3: '328', areaCode: '407' },
  { city: 'Raleigh', state: 'NC', zip3: '276', areaCode: '919' },
  { city: 'Richmond', state: 'VA', zip3: '232', areaCode: '804' },
  { city: 'Baltimore', state: 'MD', zip3: '212', areaCode: '410' },
  { city: 'Pittsburgh', state: 'PA', zip3: '152', areaCode: '412' },
  { city: 'Buffalo', state: 'NY', zip3: '142', areaCode: '716' },
  { city: 'Albany', state: 'NY', zip3: '122', areaCode: '518' },
  { city: 'Boston', state: 'MA', zip3: '021', areaCode: '617' },
  { city: 'Providence', state: 'RI', zip3: '029', areaCode: '401' },
  { city: 'Hartford', state: 'CT', zip3: '061', areaCode: '860' },
  { city: 'New Orleans', state: 'LA', zip3: '701', areaCode: '504' },
  { city: 'Oklahoma City', state: 'OK', zip3: '731', areaCode: '405' },
  { city: 'Little Rock', state: 'AR', zip3: '722', areaCode: '501' },
  { city: 'Las Vegas', state: 'NV', zip3: '891', areaCode: '702' },
  { city: 'Anchorage', state: 'AK', zip3: '995', areaCode: '907' },
  { city: 'Honolulu', state: 'HI', zip3: '968', areaCode: '808' },
];

export const STREET_NAMES: readonly string[] = [
  'Main', 'Oak', 'Maple', 'Cedar', 'Pine', 'Elm', 'Washington', 'Lake', 'Hill', 'Park',
  'Walnut', 'Chestnut', 'Willow', 'Sunset', 'Highland', 'Jefferson', 'Lincoln', 'Franklin', 'Madison', 'Church',
  'Spring', 'Meadow', 'Ridge', 'River', 'Forest', 'Jackson', 'Adams', 'Cherry', 'Hickory', 'Lakeview',
];

export const STREET_SUFFIXES: readonly string[] = ['St', 'Ave', 'Rd', 'Blvd', 'Ln', 'Dr', 'Ct', 'Way', 'Street', 'Avenue', 'Drive', 'Road'];

/** Domains reserved for documentation (RFC 2606) or plainly fictional: no mail reaches anyone. */
export const EMAIL_DOMAINS: readonly string[] = ['example.com', 'example.org', 'example.net', 'mail.example.com', 'customers.example.org'];
