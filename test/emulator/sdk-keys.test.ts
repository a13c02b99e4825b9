import { toSdkKeys } from '../../local/emulator/events/sdk-keys';

it('renames id and the date keys at any depth, only where the target key is absent', () => {
  expect(toSdkKeys({ id: 'm1', createdDate: 'd', nested: [{ id: 'n1', _id: 'kept' }] })).toEqual({
    _id: 'm1',
    _createdDate: 'd',
    nested: [{ id: 'n1', _id: 'kept' }],
  });
});

it('keeps free-form keys named like Object.prototype members as plain data', () => {
  const metadata = JSON.parse('{"toString":"a","constructor":"b","__proto__":{"polluted":true},"hasOwnProperty":"c"}');
  const out = toSdkKeys({ metadata }) as { metadata: Record<string, unknown> };
  expect(Object.keys(out.metadata)).toEqual(['toString', 'constructor', '__proto__', 'hasOwnProperty']);
  expect(out.metadata['toString']).toBe('a');
  expect(Object.getPrototypeOf(out.metadata)).toBe(Object.prototype);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(JSON.parse(JSON.stringify(out)).metadata.__proto__).toEqual({ polluted: true });
});
