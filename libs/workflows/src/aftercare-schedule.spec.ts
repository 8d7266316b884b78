import { DEFAULT_REINTEGRATION_POLICY, type AftercareState, type VisitState } from '@avrr/contracts';
import { waiting } from './aftercare-schedule';

const visit = (followUp: number, dueAt: string, status: VisitState['status']): VisitState => ({
  followUp,
  dueAt,
  status,
  remindersSent: 0,
  escalated: false,
});

const approvedPlan = (visits: VisitState[]): AftercareState => ({
  arrivedAt: '2026-11-01T10:00:00.000Z',
  stage: 'reintegration',
  policy: { ...DEFAULT_REINTEGRATION_POLICY, funded: true },
  ineligibleReason: null,
  plan: 'approved',
  planRemindersSent: 0,
  planEscalated: false,
  tranches: [],
  visits,
});

describe('what a case waits for in aftercare', () => {
  it('waits for the next follow-up from the one before, naming the day the mission is asked, before that day', () => {
    const visits = [
      visit(1, '2027-01-31T10:00:00.000Z', 'scheduled'),
      visit(2, '2027-05-02T10:00:00.000Z', 'scheduled'),
    ];
    expect(waiting(approvedPlan(visits))).toMatchObject({
      what: 'monitoring visit 1 of 2 from the mission, to be asked of it on 2027-01-31',
      partner: 'mission',
      since: '2026-11-01T10:00:00.000Z',
    });
    visits[0].status = 'done';
    expect(waiting(approvedPlan(visits))).toMatchObject({
      what: 'monitoring visit 2 of 2 from the mission, to be asked of it on 2027-05-02',
      since: '2027-01-31T10:00:00.000Z',
    });
  });

  it('waits on the mission from the follow-up date, once the visit is asked of it', () => {
    const visits = [visit(1, '2027-01-31T10:00:00.000Z', 'requested')];
    expect(waiting(approvedPlan(visits))).toMatchObject({
      what: 'monitoring visit 1 of 1 from the mission',
      partner: 'mission',
      since: '2027-01-31T10:00:00.000Z',
    });
  });
});
