import { firstErrorPerField } from 'public/field-errors';

/** The field errors a check returns are a plain record, whatever the field names. */
it('keeps the first error of each field, as a record page code may change like any object', () => {
  const { fieldErrors, add } = firstErrorPerField();
  add('email', 'Email is required');
  add('email', 'Email must be an address');
  add('__proto__', 'Not a field');
  expect(fieldErrors).toEqual({ email: 'Email is required', ['__proto__']: 'Not a field' });
  expect(Object.getPrototypeOf(fieldErrors)).toBe(Object.prototype);

  // A site's page code may reword or drop a message before showing it.
  fieldErrors.email = 'Please give your email';
  delete fieldErrors['__proto__'];
  expect(fieldErrors).toEqual({ email: 'Please give your email' });
});
