import { enumOf } from '../api/enums';
import { isoDateTime, items, picked, text, type FieldDef, type Values } from '../forms/fields';
import { none, STAFF, step, waitsFor, type StepDef } from './step-def';

const segments: FieldDef = {
  name: 'segments',
  kind: 'list',
  min: 1,
  max: 6,
  of: [
    { name: 'flight', kind: 'text', required: true, pattern: /^[A-Z0-9]{2}[0-9]{1,4}[A-Z]?$/, hint: 'RO201' },
    { name: 'from', kind: 'text', required: true, pattern: /^[A-Z]{3}$/, hint: 'OTP' },
    { name: 'to', kind: 'text', required: true, pattern: /^[A-Z]{3}$/, hint: 'IST' },
    { name: 'departsAt', kind: 'datetime', required: true },
  ],
};
const escort: FieldDef[] = [
  { name: 'escort.kind', kind: 'select', options: enumOf('EscortDto', 'kind') },
  { name: 'escort.givenName', kind: 'text' },
  { name: 'escort.familyName', kind: 'text' },
];
const readSegments = (values: Values) =>
  items(values, 'segments', 1).map((segment) => ({
    flight: segment('flight'),
    from: segment('from'),
    to: segment('to'),
    departsAt: isoDateTime(segment('departsAt')),
  }));
const readEscort = (values: Values) =>
  text(values, 'escort.kind')
    ? {
        kind: text(values, 'escort.kind') as 'medical' | 'humanitarian',
        givenName: text(values, 'escort.givenName'),
        familyName: text(values, 'escort.familyName'),
      }
    : undefined;
const travelCheck = (id: 'fit-to-travel' | 'family-tracing') =>
  step({
    id,
    path: `/returns/{caseRef}/${id}`,
    roles: STAFF,
    stages: ['travel-arrangements'],
    when: (c) => waitsFor(c, id),
    fields: [
      { name: 'doneOn', kind: 'date', required: true },
      { name: 'note', kind: 'textarea', required: true },
    ],
    toBody: (v) => ({ doneOn: text(v, 'doneOn'), note: text(v, 'note') }),
  });

/** The steps from counselling to the final destination, in the order of the journey. */
export const JOURNEY_STEPS: StepDef[] = [
  step({
    id: 'counselling',
    path: '/returns/{caseRef}/counselling',
    roles: STAFF,
    stages: ['intake', 'declaration'],
    when: (c) => !c.view.declarationSignedOn,
    fields: [
      { name: 'heldOn', kind: 'date', required: true },
      { name: 'topics', kind: 'multiselect', options: enumOf('CounsellingDto', 'topics'), required: true },
    ],
    toBody: (v) => ({ heldOn: text(v, 'heldOn'), topics: picked(v, 'topics') as 'health'[] }),
  }),
  step({
    id: 'declaration',
    path: '/returns/{caseRef}/declaration',
    roles: STAFF,
    stages: ['intake', 'declaration'],
    when: (c) => !c.view.declarationSignedOn,
    fields: [{ name: 'signedOn', kind: 'date', required: true }],
    toBody: (v) => ({ signedOn: text(v, 'signedOn') }),
  }),
  step({
    id: 'travel-document',
    path: '/returns/{caseRef}/travel-document',
    roles: STAFF,
    // Before booking too: the passport a traveller holds, against whose expiry the flights are checked.
    stages: ['travel-document', 'travel-arrangements'],
    when: (c) => !c.view.travelDocument,
    fields: [
      {
        name: 'documentType',
        kind: 'select',
        options: enumOf('RecordTravelDocumentDto', 'documentType'),
        required: true,
      },
      { name: 'documentNumber', kind: 'text', required: true, pattern: /^[A-Z0-9]{5,20}$/, hint: 'LP9876543' },
      { name: 'expiresOn', kind: 'date', required: true },
    ],
    toBody: (v) => ({
      documentType: text(v, 'documentType') as 'passport',
      documentNumber: text(v, 'documentNumber'),
      expiresOn: text(v, 'expiresOn'),
    }),
  }),
  travelCheck('fit-to-travel'),
  travelCheck('family-tracing'),
  step({
    id: 'flights',
    path: '/returns/{caseRef}/flights',
    roles: STAFF,
    stages: ['travel-arrangements'],
    when: (c) => waitsFor(c, 'flights chosen'),
    fields: [segments, ...escort],
    toBody: (v) => ({ segments: readSegments(v), escort: readEscort(v) }),
  }),
  step({
    id: 'itinerary',
    path: '/returns/{caseRef}/itinerary',
    roles: STAFF,
    stages: ['travel-arrangements', 'departure'],
    when: (c) => c.view.waitingFor?.partner === 'travel-agency',
    fields: [
      segments,
      { name: 'bookingRef', kind: 'text', required: true, pattern: /^[A-Z0-9]{5,12}$/, hint: 'K7XQ2M' },
    ],
    toBody: (v) => ({ segments: readSegments(v), bookingRef: text(v, 'bookingRef') }),
  }),
  step({
    id: 'accommodation',
    path: '/returns/{caseRef}/accommodation',
    roles: STAFF,
    // Arranged again (a rebooking moved the nights), the new nights replace the first.
    stages: ['travel-arrangements', 'departure'],
    fields: [
      { name: 'from', kind: 'date', required: true },
      { name: 'until', kind: 'date', required: true },
    ],
    toBody: (v) => ({ from: text(v, 'from'), until: text(v, 'until') }),
  }),
  step({
    id: 'departure',
    path: '/returns/{caseRef}/departure',
    roles: STAFF,
    stages: ['departure'],
    // It ends the returnee's right to withdraw: never one click by mistake.
    fields: [{ name: 'travellersLeft', kind: 'checkbox', required: true }],
    toBody: none,
  }),
  step({
    id: 'rebooking',
    path: '/returns/{caseRef}/rebooking',
    roles: STAFF,
    // In transit, a missed connection: the new flights leave from the transit airport.
    stages: ['departure', 'transit'],
    fields: [
      { name: 'reason', kind: 'select', options: enumOf('RebookingDto', 'reason'), required: true },
      segments,
      ...escort,
    ],
    toBody: (v) => ({
      reason: text(v, 'reason') as 'missed-flight',
      segments: readSegments(v),
      escort: readEscort(v),
    }),
  }),
  step({
    id: 'transit',
    path: '/returns/{caseRef}/transit',
    roles: STAFF,
    stages: ['transit'],
    fields: [],
    // The airport whose team the case waits on (after a missed connection the new flights leave from it), then the
    // transit airports of the booked flights: where each flight but the last lands.
    moreFields: (c) => [
      {
        name: 'airport',
        kind: 'select',
        required: true,
        options: [
          ...new Set([
            ...(c.view.waitingFor?.partner === 'airport-assistance' && c.view.waitingFor.place
              ? [c.view.waitingFor.place]
              : []),
            ...(c.view.itineraries.find((i) => i.status === 'booked')?.segments ?? []).slice(0, -1).map((s) => s.to),
          ]),
        ],
      },
    ],
    toBody: (v) => ({ airport: text(v, 'airport') }),
  }),
  step({
    id: 'arrival',
    path: '/returns/{caseRef}/arrival',
    roles: STAFF,
    stages: ['arrival'],
    fields: [],
    toBody: none,
  }),
  step({
    id: 'onward-travel',
    path: '/returns/{caseRef}/onward-travel',
    roles: STAFF,
    stages: ['onward-travel'],
    fields: [],
    toBody: none,
  }),
];
