import { Injectable } from '@nestjs/common';
import { getAirportByIata } from 'airport-data-js';
import type { FlightSegment, TravelCheck } from '@avrr/contracts';
import {
  AccommodationEntity,
  EscortEntity,
  ItineraryEntity,
  ProgrammePolicies,
  ReturnAllowanceEntity,
  ReturnCaseEntity,
  TravelCheckEntity,
  TravelDocumentEntity,
  adultsOf,
} from '@avrr/persistence';
import type { StaffPrincipal } from '../auth/principal';
import { InvalidFieldError, StepNotYetError } from '../errors/domain-errors';
import { CaseSteps } from '../steps/case-steps';
import type { StepWrites } from '../steps/step-writes';
import type { AccommodationDto, FlightsDto, ItineraryDto, RebookingDto, TravelCheckDto } from './dto/journey.dto';
import type { ReturnView } from './return-view';
import { WITH_AN_ESCORT } from './field-access';
import { utcDayOf } from '../common/utc-day';

const CHECK_DONE: Record<TravelCheck, string> = {
  'fit-to-travel': 'Fit to travel confirmed',
  'family-tracing': 'Family tracing recorded',
};

/** The steps staff record from travel arrangements to the final destination. */
@Injectable()
export class JourneyService {
  constructor(
    private readonly steps: CaseSteps,
    private readonly policies: ProgrammePolicies,
  ) {}

  recordTravelCheck(
    caseRef: string,
    check: TravelCheck,
    dto: TravelCheckDto,
    user: StaffPrincipal,
  ): Promise<ReturnView> {
    return this.steps.record(caseRef, user, 'travelCheck', { check }, async (writes) => {
      await writes.upsert(TravelCheckEntity, { caseRef, check, ...dto, recordedBy: user.id }, ['caseRef', 'check']);
      return `${CHECK_DONE[check]} on ${dto.doneOn}`;
    });
  }

  chooseFlights(caseRef: string, dto: FlightsDto, user: StaffPrincipal): Promise<ReturnView> {
    assertConnected('segments', dto.segments);
    const payload = { segments: dto.segments, escorted: false };
    return this.steps.record(caseRef, user, 'flights', payload, async (writes) => {
      await assertGoesHome(writes, caseRef, 'segments', dto.segments);
      await assertNightsEndBefore(writes, caseRef, dto.segments);
      const escorted = await this.recordEscort(writes, caseRef, dto, user);
      payload.escorted = escorted;
      return `Flights chosen: ${describe(dto.segments)}${escorted ? WITH_AN_ESCORT : ''}`;
    });
  }

  rebook(caseRef: string, dto: RebookingDto, user: StaffPrincipal): Promise<ReturnView> {
    assertConnected('segments', dto.segments);
    const payload = { segments: dto.segments, escorted: false, reason: dto.reason };
    return this.steps.record(caseRef, user, 'rebooking', payload, async (writes, returnCase) => {
      await assertGoesHome(writes, caseRef, 'segments', dto.segments);
      // In transit the nights in the host country are behind the travellers.
      if (returnCase.stage !== 'transit') await assertNightsEndBefore(writes, caseRef, dto.segments);
      const escorted = await this.recordEscort(writes, caseRef, dto, user);
      payload.escorted = escorted;
      return `Rebooking (${dto.reason}): ${describe(dto.segments)}`;
    });
  }

  recordItinerary(caseRef: string, dto: ItineraryDto, user: StaffPrincipal): Promise<ReturnView> {
    assertConnected('segments', dto.segments);
    const itinerary = { bookingRef: dto.bookingRef, segments: dto.segments };
    return this.steps.record(caseRef, user, 'itinerary', { itinerary }, async (writes) => {
      await assertGoesHome(writes, caseRef, 'segments', dto.segments);
      await writes.insert(ItineraryEntity, {
        caseRef,
        ...itinerary,
        channel: 'agency-email',
        status: 'booked',
      });
      return `Itinerary from the agency recorded: booking ${dto.bookingRef}, ${describe(dto.segments)}`;
    });
  }

  arrangeAccommodation(caseRef: string, dto: AccommodationDto, user: StaffPrincipal): Promise<ReturnView> {
    if (dto.until <= dto.from)
      throw new InvalidFieldError('until', `must be after from (${dto.from}): a night at least`);
    return this.steps.record(caseRef, user, 'accommodation', dto, async (writes) => {
      // Nights arranged at once by two requests: the later waits for the workflow's decision on the first, so that the
      // record and the workflow take them in the same order (the case row's lock orders the writes, not the decisions).
      const [deciding] = await writes.manager.query(
        `SELECT 1 FROM case_steps WHERE case_ref = $1 AND step = 'accommodation' AND status = 'pending' LIMIT 1`,
        [caseRef],
      );
      if (deciding)
        throw new StepNotYetError('other nights are being arranged for this case: send these again shortly');
      // Accommodation before departure: the night before the first flight is the last.
      const booked = await writes.manager.findOne(ItineraryEntity, {
        where: { caseRef, status: 'booked' },
        order: { bookedAt: 'DESC' },
      });
      const first = booked?.segments[0];
      if (first && dto.until > utcDayOf(first.departsAt)) {
        throw new InvalidFieldError(
          'until',
          `must be on or before the day the first flight leaves (${first.flight} on ${utcDayOf(first.departsAt)})`,
        );
      }
      // Arranged again (a rebooking moved the nights): the new nights replace the first.
      await writes.upsert(
        AccommodationEntity,
        { caseRef, from: dto.from, until: dto.until, status: 'arranged', recordedBy: user.id },
        ['caseRef'],
      );
      return `Temporary accommodation arranged from ${dto.from} until ${dto.until}`;
    });
  }

  /** Departure, with the return allowance handed to each adult at the amount of the case's pinned policy. */
  confirmDeparture(caseRef: string, user: StaffPrincipal): Promise<ReturnView> {
    return this.steps.record(caseRef, user, 'departure', {}, async (writes, returnCase) => {
      const { amount, currency } = (await this.policies.pinnedBy(returnCase, writes.manager)).returnAllowance;
      const adults = adultsOf(returnCase.persons);
      if (adults.length) {
        await writes.insert(
          ReturnAllowanceEntity,
          adults.map((adult) => ({
            personId: adult.id,
            caseRef,
            amount: amount.toFixed(2),
            currency,
            recordedBy: user.id,
          })),
        );
      }
      if (!adults.length) return 'Departure confirmed; no return allowance: it is handed to adults, and none travels';
      const total = (amount * adults.length).toFixed(2);
      return `Departure confirmed; return allowance handed over: ${adults.length} adult(s) x ${amount.toFixed(2)} ${currency} = ${total} ${currency}`;
    });
  }

  confirmTransit(caseRef: string, airport: string, user: StaffPrincipal): Promise<ReturnView> {
    return this.steps.record(caseRef, user, 'transit', { airport }, `Transit at ${airport} confirmed`);
  }

  confirmArrival(caseRef: string, user: StaffPrincipal): Promise<ReturnView> {
    return this.steps.record(caseRef, user, 'arrival', {}, 'Arrival through immigration and customs confirmed');
  }

  confirmOnwardTravel(caseRef: string, user: StaffPrincipal): Promise<ReturnView> {
    return this.steps.record(caseRef, user, 'onwardTravel', {}, async (_, returnCase) => {
      return `Arrival at the final destination (${returnCase.destinationCity}) confirmed by the mission`;
    });
  }

  /** The escort named with these flights, or the one named before; true when the flights carry one. */
  private async recordEscort(
    writes: StepWrites,
    caseRef: string,
    dto: FlightsDto,
    user: StaffPrincipal,
  ): Promise<boolean> {
    if (dto.escort) {
      await writes.upsert(EscortEntity, { caseRef, ...dto.escort, recordedBy: user.id }, ['caseRef']);
      return true;
    }
    return writes.manager.existsBy(EscortEntity, { caseRef });
  }
}

/** The least time between two flights' departures: the first flight, then the transfer to the next. */
const CONNECTION_MS = 3_600_000;

/**
 * Flights leaving before the nights arranged in the host country end: the accommodation is arranged again first, so
 * that its partner is told the new nights (accommodation is before departure: the night before it is the last).
 */
async function assertNightsEndBefore(writes: StepWrites, caseRef: string, segments: FlightSegment[]): Promise<void> {
  const stay = await writes.manager.findOneBy(AccommodationEntity, { caseRef, status: 'arranged' });
  const leaves = utcDayOf(segments[0].departsAt);
  if (stay && stay.until > leaves) {
    throw new InvalidFieldError(
      'segments[0].departsAt',
      `leaves on ${leaves}, before the accommodation arranged until ${stay.until} ends: arrange its nights again first`,
    );
  }
}

/** Each flight leaves from where the one before landed, an hour at least after it, and the first has not left yet. */
function assertConnected(field: string, segments: FlightSegment[]): void {
  if (Date.parse(segments[0].departsAt) <= Date.now()) {
    throw new InvalidFieldError(`${field}[0].departsAt`, 'must be in the future');
  }
  for (let i = 1; i < segments.length; i++) {
    if (segments[i].from !== segments[i - 1].to) {
      throw new InvalidFieldError(`${field}[${i}].from`, `must be ${segments[i - 1].to}, where flight ${i} lands`);
    }
    // No arrival times are known: a connection leaving within the hour of the flight before it cannot be made.
    if (Date.parse(segments[i].departsAt) < Date.parse(segments[i - 1].departsAt) + CONNECTION_MS) {
      throw new InvalidFieldError(
        `${field}[${i}].departsAt`,
        `must be at least an hour after flight ${i}'s departure (${segments[i - 1].departsAt}): the flight and the connection`,
      );
    }
  }
  if (segments[segments.length - 1].to === segments[0].from) {
    throw new InvalidFieldError(field, 'must not end where they start');
  }
}

/**
 * The flights leave from the host country and land in the country of return, each airport known by its IATA code
 * (airport-data-js): flights that end elsewhere would be booked, and the mission asked to receive no one. They
 * leave while the case's travel document is valid.
 */
async function assertGoesHome(writes: StepWrites, caseRef: string, field: string, segments: FlightSegment[]) {
  const returnCase = await writes.manager.findOneByOrFail(ReturnCaseEntity, { caseRef });
  const last = segments.length - 1;
  // In transit (a missed connection) the flights leave from the transit airport, as the workflow checks.
  const from = returnCase.stage === 'transit' ? null : returnCase.hostCountry;
  const ends = [
    { at: `${field}[0].from`, airport: segments[0].from, country: from, where: 'the host country' },
    {
      at: `${field}[${last}].to`,
      airport: segments[last].to,
      country: returnCase.destinationCountry,
      where: 'the country of return',
    },
  ];
  for (const end of ends) {
    const country = await airportCountry(end.airport);
    if (!country) throw new InvalidFieldError(end.at, `must be an airport's IATA code: ${end.airport} is none`);
    if (end.country && country !== end.country) {
      throw new InvalidFieldError(
        end.at,
        `must be an airport in ${end.where} (${end.country}): ${end.airport} is in ${country}`,
      );
    }
  }
  // The travel document recorded for the case must still be valid on the last flight: a traveller is not boarded on
  // an expired one.
  const document = await writes.manager.findOneBy(TravelDocumentEntity, { caseRef });
  if (document && segments[last].departsAt.slice(0, 10) > document.expiresOn) {
    throw new InvalidFieldError(
      `${field}[${last}].departsAt`,
      `must be on or before the day the travel document expires (${document.expiresOn})`,
    );
  }
}

async function airportCountry(code: string): Promise<string | null> {
  const [airport] = await getAirportByIata(code).catch(() => []);
  return airport?.country_code ?? null;
}

function describe(segments: FlightSegment[]): string {
  return segments.map((s) => `${s.flight} ${s.from}-${s.to} ${s.departsAt}`).join(', ');
}
