/**
 * Staff API of the allocation commission and of a stay's follow-up
 * (COMMISSION part). Types declared here; the OpenAPI schema is regenerated
 * by the lead.
 */
import { apiFetch } from "../../../../api/client";
import { API } from "../../../../pages/staff/api";

export const BASE = `${API}/sejours/staff`;

export interface CampaignItem {
  id: number;
  label: string;
  season: string;
  status: "preparing" | "published";
  opens_at: string;
  closes_at: string;
  published_at: string | null;
  stays: number;
  wishes: number;
  runs: number;
}

export interface StayOverview {
  id: number;
  name: string;
  start_date: string;
  end_date: string;
  min_age: number | null;
  max_age: number | null;
  capacity: number;
  places_left: number;
  wishes_by_rank: Record<string, number>;
  wishes_total: number;
  demand_ratio: number | null;
  cancelled: boolean;
}

export interface RunItem {
  id: number;
  seed: string;
  criteria: string[];
  created_at: string;
  created_by: string;
  published_at: string | null;
  counts: Record<string, number>;
  move_count: number;
}

export interface DecisionEntry {
  stay_id: number;
  wish_rank: number;
  position?: number;
  reason?: string;
}

export type DecisionStatus = "placed" | "waitlisted" | "refused" | "no_wish";

export interface ChildDecision {
  id: number;
  name: string;
  family_id: number;
  family_name: string;
  age: number | null;
  status: DecisionStatus;
  manual: boolean;
  placements: DecisionEntry[];
  waitlists: DecisionEntry[];
  refusals: DecisionEntry[];
  trail: string[];
  wishes: { id: number; rank: number; stay_id: number; status: string }[];
}

export interface ManualMove {
  id: number;
  child_id: number;
  child_name: string;
  from_stay_id: number | null;
  to_stay_id: number | null;
  to_status: string;
  reason: string;
  effect: string[];
  created_by: string;
  created_at: string;
}

export interface RunDetail extends RunItem {
  stays: { stay_id: number; placed: number[]; waitlist: number[] }[];
  children: ChildDecision[];
  moves: ManualMove[];
}

export interface Commission {
  campaign: CampaignItem;
  criteria: { code: string; label: string }[];
  max_stays_per_child: number;
  keep_on_better_waitlists: boolean;
  stays: StayOverview[];
  runs: RunItem[];
  run: RunDetail | null;
}

export type MoveStatus = "placed" | "waitlisted" | "refused";

export interface MoveInput {
  child: number;
  to_stay: number | null;
  to_status: MoveStatus;
  reason: string;
}

export interface PublishResult {
  offered: number;
  waitlisted: number;
  refused: number;
  not_examined: number;
  families: number;
  notes: string[];
  wish_ids: number[];
}

export interface Participant {
  wish_id: number;
  status: string;
  status_label: string;
  child_id: number;
  family_id: number;
  family_name: string;
  first_name: string;
  last_name: string;
  birth_date: string;
  age: number;
  school_level: string;
  transport_city: string;
  missing_documents: string[];
  documents_complete: boolean;
  contract: "" | "accepted" | "awaiting_review";
  contract_signed: boolean;
  deposit_status: string;
  deposit_paid: boolean;
  complete: boolean;
}

export interface WaitingChild {
  wish_id: number;
  position: number | null;
  rank: number;
  child_id: number;
  family_id: number;
  family_name: string;
  first_name: string;
  last_name: string;
  age: number;
}

export interface FollowUp {
  stay: {
    id: number;
    name: string;
    destination: string;
    start_date: string;
    end_date: string;
    capacity: number;
    campaign_id: number | null;
  };
  participants: Participant[];
  waiting_list: WaitingChild[];
  complete: number;
  exports: { kind: string; label: string; csv: string; pdf: string }[];
}

export const commissionKeys = {
  campaigns: ["sejours", "staff", "commission", "campaigns"] as const,
  commission: (campaignId: number) => ["sejours", "staff", "commission", campaignId] as const,
  followUp: (stayId: number) => ["sejours", "staff", "follow-up", stayId] as const,
};

export const fetchCampaigns = (signal?: AbortSignal) =>
  apiFetch<CampaignItem[]>(`${BASE}/commission/campaigns`, { signal });

export const fetchCommission = (campaignId: number, signal?: AbortSignal) =>
  apiFetch<Commission>(`${BASE}/campaigns/${campaignId}/commission`, { signal });

export const runProposal = (campaignId: number, seed: number | null) =>
  apiFetch<RunDetail>(`${BASE}/campaigns/${campaignId}/runs`, {
    method: "POST",
    body: seed === null ? {} : { seed },
  });

export const moveChild = (runId: number, input: MoveInput) =>
  apiFetch<ManualMove>(`${BASE}/runs/${runId}/moves`, { method: "POST", body: input });

export const publishRun = (runId: number) =>
  apiFetch<PublishResult>(`${BASE}/runs/${runId}/publish`, { method: "POST" });

export const fetchFollowUp = (stayId: number, signal?: AbortSignal) =>
  apiFetch<FollowUp>(`${BASE}/stays/${stayId}/follow-up`, { signal });
