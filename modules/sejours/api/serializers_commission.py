"""The commission's and the follow-up's shapes (COMMISSION part)."""

from __future__ import annotations

from rest_framework import serializers

from modules.sejours.services.commission_moves import TO_STATUSES


class CommissionRunInputSerializer(serializers.Serializer):
    seed = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=2**63 - 1
    )


class CommissionMoveInputSerializer(serializers.Serializer):
    child = serializers.IntegerField()
    to_stay = serializers.IntegerField(required=False, allow_null=True)
    to_status = serializers.ChoiceField(choices=TO_STATUSES)
    reason = serializers.CharField(max_length=2000, allow_blank=True)


class CommissionCampaignItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()
    season = serializers.CharField()
    status = serializers.CharField()
    opens_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField()
    published_at = serializers.DateTimeField(allow_null=True)
    stays = serializers.IntegerField()
    wishes = serializers.IntegerField()
    runs = serializers.IntegerField()


class CommissionStayOverviewSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    min_age = serializers.IntegerField(allow_null=True)
    max_age = serializers.IntegerField(allow_null=True)
    capacity = serializers.IntegerField()
    places_left = serializers.IntegerField()
    wishes_by_rank = serializers.DictField(child=serializers.IntegerField())
    wishes_total = serializers.IntegerField()
    demand_ratio = serializers.FloatField(allow_null=True)
    cancelled = serializers.BooleanField()


class CommissionRunItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    seed = serializers.CharField(help_text="Graine du tirage (texte : 48 bits).")
    criteria = serializers.ListField(child=serializers.CharField())
    created_at = serializers.DateTimeField()
    created_by = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True)
    counts = serializers.DictField(child=serializers.IntegerField())
    move_count = serializers.IntegerField()


class CommissionEntrySerializer(serializers.Serializer):
    stay_id = serializers.IntegerField()
    wish_rank = serializers.IntegerField()
    position = serializers.IntegerField(required=False)
    reason = serializers.CharField(required=False)


class CommissionChildWishSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    rank = serializers.IntegerField()
    stay_id = serializers.IntegerField()
    status = serializers.CharField()


class CommissionChildDecisionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    family_id = serializers.IntegerField()
    family_name = serializers.CharField()
    age = serializers.IntegerField(allow_null=True)
    status = serializers.CharField()
    manual = serializers.BooleanField()
    placements = CommissionEntrySerializer(many=True)
    waitlists = CommissionEntrySerializer(many=True)
    refusals = CommissionEntrySerializer(many=True)
    trail = serializers.ListField(child=serializers.CharField())
    wishes = CommissionChildWishSerializer(many=True)


class CommissionRunStaySerializer(serializers.Serializer):
    stay_id = serializers.IntegerField()
    placed = serializers.ListField(child=serializers.IntegerField())
    waitlist = serializers.ListField(child=serializers.IntegerField())


class CommissionMoveSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    child_id = serializers.IntegerField()
    child_name = serializers.CharField()
    from_stay_id = serializers.IntegerField(allow_null=True)
    to_stay_id = serializers.IntegerField(allow_null=True)
    to_status = serializers.CharField()
    reason = serializers.CharField()
    effect = serializers.ListField(child=serializers.CharField())
    created_by = serializers.CharField()
    created_at = serializers.DateTimeField()


class CommissionRunDetailSerializer(CommissionRunItemSerializer):
    stays = CommissionRunStaySerializer(many=True)
    children = CommissionChildDecisionSerializer(many=True)
    moves = CommissionMoveSerializer(many=True)


class CommissionSerializer(serializers.Serializer):
    campaign = CommissionCampaignItemSerializer()
    criteria = serializers.ListField(child=serializers.DictField(child=serializers.CharField()))
    max_stays_per_child = serializers.IntegerField()
    keep_on_better_waitlists = serializers.BooleanField()
    stays = CommissionStayOverviewSerializer(many=True)
    runs = CommissionRunItemSerializer(many=True)
    run = CommissionRunDetailSerializer(allow_null=True)


class CommissionPublishResultSerializer(serializers.Serializer):
    offered = serializers.IntegerField()
    waitlisted = serializers.IntegerField()
    refused = serializers.IntegerField()
    not_examined = serializers.IntegerField()
    families = serializers.IntegerField()
    notes = serializers.ListField(child=serializers.CharField())
    wish_ids = serializers.ListField(child=serializers.IntegerField())


class CommissionParticipantSerializer(serializers.Serializer):
    wish_id = serializers.IntegerField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    child_id = serializers.IntegerField()
    family_id = serializers.IntegerField()
    family_name = serializers.CharField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    birth_date = serializers.DateField()
    age = serializers.IntegerField()
    school_level = serializers.CharField()
    transport_city = serializers.CharField()
    missing_documents = serializers.ListField(child=serializers.CharField())
    documents_complete = serializers.BooleanField()
    contract = serializers.CharField()
    contract_signed = serializers.BooleanField()
    deposit_status = serializers.CharField()
    deposit_paid = serializers.BooleanField()
    complete = serializers.BooleanField()


class CommissionWaitingSerializer(serializers.Serializer):
    wish_id = serializers.IntegerField()
    position = serializers.IntegerField(allow_null=True)
    rank = serializers.IntegerField()
    child_id = serializers.IntegerField()
    family_id = serializers.IntegerField()
    family_name = serializers.CharField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    age = serializers.IntegerField()


class CommissionExportLinkSerializer(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField()
    csv = serializers.CharField()
    pdf = serializers.CharField()


class CommissionFollowUpSerializer(serializers.Serializer):
    stay = serializers.DictField()
    participants = CommissionParticipantSerializer(many=True)
    waiting_list = CommissionWaitingSerializer(many=True)
    complete = serializers.IntegerField()
    exports = CommissionExportLinkSerializer(many=True)
