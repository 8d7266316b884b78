import type { ReturnPolicy, TargetGroup } from '@avrr/contracts';

/** Why the programme's pinned policy refuses to assist this return, or null when it may. */
export function refusalReason(
  policy: ReturnPolicy,
  request: { targetGroup: TargetGroup; destinationCountry: string },
): string | null {
  const under = `under ${policy.programmeCode} policy v${policy.version}`;
  if (policy.closedDestinations.includes(request.destinationCountry)) {
    return `destination ${request.destinationCountry} is closed for return ${under}`;
  }
  if (!policy.eligibleTargetGroups.includes(request.targetGroup)) {
    return `target group ${request.targetGroup} is not eligible ${under}`;
  }
  return null;
}
