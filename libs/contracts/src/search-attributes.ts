import { defineSearchAttributeKey } from '@temporalio/common';

/**
 * Search attributes are never encrypted and are visible to every Temporal UI user: they hold codes only,
 * never personal data. The dev server registers them at start (see @avrr/local-stack); on a cluster, create
 * them once with `temporal operator search-attribute create`.
 */
export const ReturnStageAttribute = defineSearchAttributeKey('ReturnStage', 'KEYWORD');
export const ProgrammeCodeAttribute = defineSearchAttributeKey('ProgrammeCode', 'KEYWORD');
export const DestinationCountryAttribute = defineSearchAttributeKey('DestinationCountry', 'KEYWORD');

export const RETURN_SEARCH_ATTRIBUTES = [ReturnStageAttribute, ProgrammeCodeAttribute, DestinationCountryAttribute];
