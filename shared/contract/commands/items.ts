/**
 * Direct (unilateral) commands on topics, data items and action progress. Anything that changes
 * another party's commitments goes through a proposal instead (commands/proposals.ts).
 */
import { type CommandContext, execute, freshId, nowOf, requireActor } from '../context';
import {
  DATA_ITEM_KINDS,
  type DataItemKind,
  type DataValue,
  PROGRESS_STATUSES,
  TOPIC_STATES,
  type TopicState,
} from '../model';
import { entityMap, readDataItems, readStoredActions, readTopics } from '../read';
import type { Changed, Result } from '../result';
import { choiceList, dataValue, entityId, fail, LIMITS, oneOf, text } from '../validate';
import { prepareEvent, pushEvents, putEntity, requireWrite, setFields } from '../writes';

/** Raises a topic for negotiation ("replace the boot chip", "contract price"), state 'open'. */
export function addTopic(
  ctx: CommandContext,
  input: { readonly title: string },
): Result<{ readonly topicId: string }> {
  return execute(ctx, 'addTopic', (r) => {
    const author = requireActor(ctx, r);
    const title = text(input?.title, 'title', LIMITS.title);
    const topicId = freshId(ctx);
    requireWrite(ctx, author, ['topics', topicId], 'create', { entityParty: author.partyId });
    const at = nowOf(ctx);
    const event = prepareEvent(ctx, author, at, 'topic-added', `Topic raised: ${title}`, topicId);
    return {
      value: { topicId },
      write: () => {
        putEntity(r.topics, topicId, {
          id: topicId,
          title,
          state: 'open',
          party: author.partyId,
          createdBy: ctx.actor,
          createdAt: at,
        });
        pushEvents(r, [event]);
      },
    };
  });
}

/**
 * Directly changes a topic's state where no one else's consent is needed: the raising party may
 * withdraw ('closed') its topic, any negotiator may reopen one. Marking a topic 'agreed' (or closing
 * someone else's) takes a proposal of kind 'set-topic-state'.
 */
export function setTopicState(
  ctx: CommandContext,
  input: { readonly topicId: string; readonly state: TopicState },
): Result<Changed> {
  return execute<Changed>(ctx, 'setTopicState', (r) => {
    const author = requireActor(ctx, r);
    const topicId = entityId(input?.topicId, 'topicId');
    const state = oneOf(input.state, TOPIC_STATES, 'state');
    const topic = readTopics(r).find((t) => t.id === topicId);
    const m = entityMap(r.topics, topicId);
    if (!topic || !m) fail('unknown-topic', 'no topic with that id');
    requireWrite(ctx, author, ['topics', topicId, 'state'], 'set', {
      entityParty: topic.party,
      value: state,
    });
    if (topic.state === state) return { value: { changed: false } };
    const at = nowOf(ctx);
    const event = prepareEvent(
      ctx,
      author,
      at,
      'topic-state-changed',
      `Topic "${topic.title}" is now ${state}`,
      topicId,
    );
    return {
      value: { changed: true },
      write: () => {
        setFields(m, { state, updatedBy: ctx.actor, updatedAt: at });
        pushEvents(r, [event]);
      },
    };
  });
}

export interface AddDataItemInput {
  /** Optional caller-chosen id (1–64 of A–Z a–z 0–9 - _); a fresh one otherwise. */
  readonly id?: string;
  readonly label: string;
  readonly kind: DataItemKind;
  /** Required (non-empty, distinct) for kind 'choice'; not allowed otherwise. */
  readonly choices?: readonly string[];
  readonly value?: DataValue;
}

/** Adds a custom data item owned by the actor's party (asking another party for one takes a proposal). */
export function addDataItem(
  ctx: CommandContext,
  input: AddDataItemInput,
): Result<{ readonly itemId: string }> {
  return execute(ctx, 'addDataItem', (r) => {
    const author = requireActor(ctx, r);
    const itemId = input?.id === undefined ? freshId(ctx) : entityId(input.id, 'id');
    if (entityMap(r.dataItems, itemId)) fail('duplicate-id', 'a data item with that id exists');
    const label = text(input.label, 'label', LIMITS.label);
    const kind = oneOf(input.kind, DATA_ITEM_KINDS, 'kind');
    if (kind !== 'choice' && input.choices !== undefined)
      fail('invalid-input', "choices go only with kind 'choice'");
    const choices = kind === 'choice' ? choiceList(input.choices, 'choices') : null;
    const value = dataValue(input.value === undefined ? null : input.value, kind, choices, 'value');
    requireWrite(ctx, author, ['dataItems', itemId], 'create', { entityParty: author.partyId });
    const at = nowOf(ctx);
    const event = prepareEvent(ctx, author, at, 'data-item-added', `Data item added: ${label}`, itemId);
    return {
      value: { itemId },
      write: () => {
        putEntity(r.dataItems, itemId, {
          id: itemId,
          label,
          kind,
          choices,
          value,
          party: author.partyId,
          createdBy: ctx.actor,
          createdAt: at,
        });
        pushEvents(r, [event]);
      },
    };
  });
}

/** The owner party fills or changes its data item's value (null clears it). */
export function setDataItemValue(
  ctx: CommandContext,
  input: { readonly itemId: string; readonly value: DataValue },
): Result<Changed> {
  return execute<Changed>(ctx, 'setDataItemValue', (r) => {
    const author = requireActor(ctx, r);
    const itemId = entityId(input?.itemId, 'itemId');
    const item = readDataItems(r).find((d) => d.id === itemId);
    const m = entityMap(r.dataItems, itemId);
    if (!item || !m) fail('unknown-data-item', 'no data item with that id');
    const value = dataValue(input.value, item.kind, item.choices, 'value');
    requireWrite(ctx, author, ['dataItems', itemId, 'value'], 'set', { entityParty: item.party, value });
    if (item.value === value) return { value: { changed: false } };
    const at = nowOf(ctx);
    return {
      value: { changed: true },
      write: () => setFields(m, { value, updatedBy: ctx.actor, updatedAt: at }),
    };
  });
}

/**
 * The owner party reports progress on its agreed action: 'agreed' (not started), 'in-progress',
 * 'done'. Cancelling, rescheduling or reassigning takes a proposal.
 */
export function setActionStatus(
  ctx: CommandContext,
  input: { readonly actionId: string; readonly status: 'agreed' | 'in-progress' | 'done' },
): Result<Changed> {
  return execute<Changed>(ctx, 'setActionStatus', (r) => {
    const author = requireActor(ctx, r);
    const actionId = entityId(input?.actionId, 'actionId');
    const status = oneOf(input.status, PROGRESS_STATUSES, 'status');
    const action = readStoredActions(r).find((a) => a.id === actionId);
    const m = entityMap(r.actions, actionId);
    if (!action || !m) fail('unknown-action', 'no agreed action with that id');
    requireWrite(ctx, author, ['actions', actionId, 'status'], 'set', {
      entityParty: action.party,
      value: status,
    });
    if (action.status === 'cancelled') fail('invalid-state', 'the action was cancelled');
    if (action.status === status) return { value: { changed: false } };
    const at = nowOf(ctx);
    const event = prepareEvent(
      ctx,
      author,
      at,
      'action-status-changed',
      `"${action.title}" is now ${status}`,
      actionId,
    );
    return {
      value: { changed: true },
      write: () => {
        setFields(m, { status, updatedBy: ctx.actor, updatedAt: at });
        pushEvents(r, [event]);
      },
    };
  });
}
