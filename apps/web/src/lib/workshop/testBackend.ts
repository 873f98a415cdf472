import * as Y from 'yjs';
import {
  clearRound,
  clearVote,
  setRound,
  setVote,
  setVoteResults,
  type WorkshopVoteTally,
} from '@qi/model';
import type { AddIdeaRequest, PrivateIdea, VoteResults } from '@qi/protocol';
import { voiceGroup } from './equalVoice';
import type { WorkshopBackend } from './workshopBackend';

/**
 * An in-memory stand-in for the workshop routes, for unit tests of the state classes: it keeps
 * ideas and ballots by participant key and writes the public parts into `doc` as the server does.
 * Revealed ideas are only counted (the real server adds them to the diagram).
 */
export function testBackend(doc: Y.Doc): WorkshopBackend & { revealed: AddIdeaRequest[] } {
  let next = 0;
  const id = () => `id${++next}`;
  const ideas = new Map<string, AddIdeaRequest & PrivateIdea>();
  const ballots = new Map<string, { perspective: string; nodeIds: string[] }>();
  const revealed: AddIdeaRequest[] = [];
  const now = () => 1000 + next;
  const mine = (key: string) =>
    [...ideas.values()]
      .filter((idea) => idea.participantKey === key)
      .map(({ id, parentNodeId, text, createdAt }) => ({ id, parentNodeId, text, createdAt }));
  return {
    revealed,
    async openRound(request) {
      const round = { id: id(), ...request, openedAt: now() };
      setRound(doc, round);
      return round;
    },
    async addIdea(_roundId, request) {
      const idea = { ...request, id: id(), createdAt: now() };
      ideas.set(idea.id, idea);
      return mine(request.participantKey).find((i) => i.id === idea.id)!;
    },
    async editIdea(_roundId, ideaId, request) {
      const idea = ideas.get(ideaId);
      if (!idea || idea.participantKey !== request.participantKey) throw new Error('not yours');
      idea.text = request.text;
      return mine(request.participantKey).find((i) => i.id === ideaId)!;
    },
    async deleteIdea(_roundId, ideaId, participantKey) {
      if (ideas.get(ideaId)?.participantKey === participantKey) ideas.delete(ideaId);
    },
    async listIdeas(_roundId, participantKey) {
      return mine(participantKey);
    },
    async roundProgress() {
      const counts = new Map<string, { label: string; perspective: string; count: number }>();
      for (const idea of ideas.values()) {
        const entry = counts.get(idea.participantKey) ?? {
          label: `Person ${counts.size + 1}`,
          perspective: idea.perspective,
          count: 0,
        };
        entry.count += 1;
        counts.set(idea.participantKey, entry);
      }
      return { total: ideas.size, people: [...counts.values()] };
    },
    async reveal() {
      revealed.push(...ideas.values());
      const added = ideas.size;
      ideas.clear();
      clearRound(doc);
      return { added };
    },
    async cancelRound() {
      ideas.clear();
      clearRound(doc);
    },
    async openVote(request) {
      const vote = { id: id(), ...request, openedAt: now() };
      setVote(doc, vote);
      return vote;
    },
    async putBallot(_voteId, request) {
      ballots.set(request.participantKey, {
        perspective: request.perspective,
        nodeIds: request.nodeIds,
      });
      return [...request.nodeIds];
    },
    async getBallot(_voteId, participantKey) {
      return ballots.get(participantKey)?.nodeIds ?? [];
    },
    async voteProgress() {
      return { ballots: ballots.size };
    },
    async cancelVote() {
      ballots.clear();
      clearVote(doc);
    },
    async closeVote(voteId) {
      const tallies = new Map<string, WorkshopVoteTally>();
      const voters = { patientCarer: 0, staff: 0 };
      for (const ballot of ballots.values()) {
        const group = voiceGroup(ballot.perspective) ?? 'staff';
        voters[group] += 1;
        for (const nodeId of ballot.nodeIds) {
          const tally = tallies.get(nodeId) ?? { nodeId, total: 0, patientCarer: 0, staff: 0 };
          tally.total += 1;
          tally[group] += 1;
          tallies.set(nodeId, tally);
        }
      }
      const results: VoteResults = {
        id: voteId,
        diagramId: 'd',
        closedAt: now(),
        voters,
        tallies: [...tallies.values()].sort(
          (a, b) => b.total - a.total || a.nodeId.localeCompare(b.nodeId),
        ),
      };
      doc.transact(() => {
        clearVote(doc);
        setVoteResults(doc, results);
      });
      ballots.clear();
      return results;
    },
  };
}
