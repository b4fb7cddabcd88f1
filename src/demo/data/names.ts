// Given names and surnames for the demo's generated customers, from several origins so the
// dataset looks like a real customer list rather than a list of one culture's names. Common
// names only: each is shared by many thousands of people, and no row describes a real person.

/** Given names: English, Spanish, Portuguese, French, German, Italian, Polish, Irish, Indian, Chinese, Korean, Japanese, Vietnamese, Arabic, Nigerian, Ghanaian. */
export const FIRST_NAMES: readonly string[] = [
  'James', 'Mary', 'Robert', 'Patricia', 'Michael', 'Jennifer', 'William', 'Linda', 'David', 'Elizabeth',
  'Richard', 'Susan', 'Thomas', 'Sarah', 'Daniel', 'Karen', 'Matthew', 'Emily', 'Andrew', 'Rachel',
  'Carlos', 'Maria', 'Jose', 'Lucia', 'Miguel', 'Sofia', 'Alejandro', 'Isabel', 'Diego', 'Carmen',
  'Joao', 'Ana', 'Pierre', 'Camille', 'Lukas', 'Hannah', 'Marco', 'Giulia', 'Piotr', 'Katarzyna',
  'Sean', 'Siobhan', 'Priya', 'Rahul', 'Anjali', 'Arjun', 'Deepa', 'Vikram', 'Wei', 'Mei',
  'Jun', 'Li', 'Min', 'Jisoo', 'Hiroshi', 'Yuki', 'Kenji', 'Minh', 'Linh', 'Omar',
  'Fatima', 'Ahmed', 'Layla', 'Yusuf', 'Amina', 'Chinedu', 'Ngozi', 'Emeka', 'Kwame', 'Ama',
];

/** Surnames of the same origins. */
export const LAST_NAMES: readonly string[] = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor',
  'Thomas', 'Moore', 'Martin', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Walker', 'Young',
  'Garcia', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Perez', 'Sanchez', 'Ramirez', 'Torres',
  'Silva', 'Santos', 'Dubois', 'Lefebvre', 'Schmidt', 'Schneider', 'Rossi', 'Romano', 'Kowalski', 'Nowak',
  'Murphy', 'Kelly', 'Patel', 'Sharma', 'Singh', 'Gupta', 'Reddy', 'Chen', 'Wang', 'Zhang',
  'Liu', 'Huang', 'Kim', 'Park', 'Lee', 'Tanaka', 'Suzuki', 'Nguyen', 'Tran', 'Pham',
  'Hassan', 'Ali', 'Khan', 'Haddad', 'Okafor', 'Okonkwo', 'Adeyemi', 'Mensah', 'Owusu', 'Boateng',
];
