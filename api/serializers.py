"""Serializers several API packages share (each package keeps its own otherwise)."""

from __future__ import annotations

from rest_framework import serializers


class ChildRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()


class MissingItemSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=["field", "consent", "authorisation", "document", "module"]
    )
    code = serializers.CharField()
    label = serializers.CharField()
    link = serializers.CharField()
    child_id = serializers.IntegerField(allow_null=True)
    child_name = serializers.CharField(allow_blank=True)
