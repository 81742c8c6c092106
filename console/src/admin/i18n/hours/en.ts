/** The business hours page. */
export const hoursEn = {
  'admin.tabHours': 'Business hours',
  'hours.heading': 'Business hours',
  'hours.intro':
    'Outside these hours the widget says when you open again, in the shopper’s own time, and offers to take a message instead of a queue nobody serves.',
  'hours.alwaysOpen': 'Always open (no business hours)',
  'hours.timeZone': 'Time zone',
  'hours.timeZoneHint': 'An IANA zone, such as Europe/Madrid. Daylight saving follows it.',
  'hours.weekly': 'Weekly hours',
  'hours.closedDay': 'Closed',
  'hours.from': 'Opens',
  'hours.to': 'Closes',
  'hours.addSpan': 'Add hours on {day}',
  'hours.removeSpan': 'Remove {from}–{to} on {day}',
  'hours.spanHint': 'A closing time before the opening time runs past midnight; 24:00 is the end of the day.',
  'hours.holidays': 'Holidays',
  'hours.holidaysHint': 'One date per line (2026-12-25). No hours start on these days.',
  'hours.closures': 'One-off closures',
  'hours.closureFrom': 'Closed from',
  'hours.closureTo': 'until',
  'hours.addClosure': 'Add a closure',
  'hours.removeClosure': 'Remove this closure',
  'hours.departments': 'Departments with their own hours',
  'hours.departmentsHint': 'Other departments keep the site’s hours.',
  'hours.addDepartment': 'Give {name} its own hours',
  'hours.removeDepartment': 'Use the site’s hours for {name}',
  'hours.departmentLegend': 'Hours of {name}',
  'hours.save': 'Save hours',
  'hours.saving': 'Saving…',
  'hours.saved': 'Business hours saved.',
} as const;

export type HoursCatalogue = { readonly [Key in keyof typeof hoursEn]: string };
