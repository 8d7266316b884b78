import { maskDocumentNumber } from './return-view';

describe('a masked document number', () => {
  it('shows its last 4 characters and not how long it is', () => {
    expect(maskDocumentNumber('LP9876543')).toBe('*****6543');
    expect(maskDocumentNumber('P1234')).toBe('*****1234');
    expect(maskDocumentNumber('AB12CD34EF56GH78IJ90')).toBe('*****IJ90');
  });
});
