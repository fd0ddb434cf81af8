{{/* Names ------------------------------------------------------------------------------- */}}
{{- define "marelle.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "marelle.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* A component's name: <fullname>-<suffix>, within the 63 characters of a label value. */}}
{{- define "marelle.componentName" -}}
{{- printf "%s-%s" (include "marelle.fullname" .root) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "marelle.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels ------------------------------------------------------------------------------ */}}
{{- define "marelle.selectorLabels" -}}
app.kubernetes.io/name: {{ include "marelle.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "marelle.labels" -}}
helm.sh/chart: {{ include "marelle.chart" . }}
{{ include "marelle.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: marelle
{{- end -}}

{{/* Selector of one component; call with (dict "root" $ "component" "web"). */}}
{{- define "marelle.componentSelectorLabels" -}}
{{ include "marelle.selectorLabels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "marelle.componentLabels" -}}
{{ include "marelle.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* Image ------------------------------------------------------------------------------- */}}
{{- define "marelle.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{/* Configuration ----------------------------------------------------------------------- */}}
{{/* The non-secret environment, shared by the ConfigMap and the migration hook's copy. */}}
{{- define "marelle.configData" -}}
PLATFORM_DOMAIN: {{ .Values.platform.domain | quote }}
PLATFORM_SCHEME: "https"
{{- with .Values.platform.allowedHosts }}
ALLOWED_HOSTS: {{ join "," . | quote }}
{{- end }}
{{- with .Values.platform.defaultFromEmail }}
DEFAULT_FROM_EMAIL: {{ . | quote }}
{{- end }}
TRUSTED_PROXY_COUNT: {{ .Values.platform.trustedProxyCount | quote }}
FORWARDED_ALLOW_IPS: {{ .Values.platform.forwardedAllowIps | quote }}
LOG_LEVEL: {{ .Values.platform.logLevel | quote }}
LOG_FORMAT: {{ .Values.platform.logFormat | quote }}
TENANT_HOST_CACHE_TTL: {{ .Values.platform.tenantHostCacheTtl | quote }}
SECURE_HSTS_PRELOAD: {{ .Values.platform.hstsPreload | quote }}
XDG_CACHE_HOME: "/tmp/cache"
{{- if .Values.media.s3.enabled }}
S3_BUCKET: {{ .Values.media.s3.bucket | quote }}
{{- with .Values.media.s3.endpointUrl }}
S3_ENDPOINT_URL: {{ . | quote }}
{{- end }}
{{- with .Values.media.s3.region }}
S3_REGION: {{ . | quote }}
{{- end }}
{{- with .Values.media.s3.prefix }}
S3_PREFIX: {{ . | quote }}
{{- end }}
S3_ADDRESSING_STYLE: {{ .Values.media.s3.addressingStyle | quote }}
{{- else }}
MEDIA_ROOT: {{ .Values.media.persistence.mountPath | quote }}
{{- end }}
{{- range $key, $value := .Values.platform.extraEnv }}
{{ $key }}: {{ $value | quote }}
{{- end }}
{{- end -}}

{{/* Pods restart when the configuration changes: the ConfigMap's content, and the Secret's
     name plus the operator's secretChecksum (Helm cannot read the Secret itself). */}}
{{- define "marelle.podAnnotations" -}}
checksum/config: {{ include "marelle.configData" . | sha256sum }}
checksum/secret: {{ printf "%s/%s" .Values.existingSecret .Values.secretChecksum | sha256sum }}
{{- with .Values.podAnnotations }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "marelle.envFrom" -}}
- configMapRef:
    name: {{ .configMap }}
- secretRef:
    name: {{ .root.Values.existingSecret }}
{{- end -}}

{{/* Security ---------------------------------------------------------------------------- */}}
{{- define "marelle.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
fsGroupChangePolicy: OnRootMismatch
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "marelle.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
readOnlyRootFilesystem: true
allowPrivilegeEscalation: false
privileged: false
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* What every pod of the release shares: security, scheduling, no service account token. */}}
{{- define "marelle.podCommon" -}}
automountServiceAccountToken: false
enableServiceLinks: false
{{- with .Values.serviceAccountName }}
serviceAccountName: {{ . }}
{{- end }}
securityContext:
  {{- include "marelle.podSecurityContext" . | nindent 2 }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Volumes: /tmp and the font cache in memory; the media volume when there is no S3. */}}
{{- define "marelle.volumes" -}}
- name: tmp
  emptyDir:
    medium: Memory
    sizeLimit: {{ .root.Values.tmpSizeLimit }}
- name: cache
  emptyDir:
    sizeLimit: 64Mi
{{- if and .media (not .root.Values.media.s3.enabled) }}
- name: media
  persistentVolumeClaim:
    claimName: {{ include "marelle.mediaClaim" .root }}
{{- end }}
{{- end -}}

{{- define "marelle.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
- name: cache
  mountPath: /tmp/cache
{{- if and .media (not .root.Values.media.s3.enabled) }}
- name: media
  mountPath: {{ .root.Values.media.persistence.mountPath }}
{{- end }}
{{- end -}}

{{- define "marelle.mediaClaim" -}}
{{- default (include "marelle.componentName" (dict "root" . "component" "media")) .Values.media.persistence.existingClaim -}}
{{- end -}}

{{/* A ReadWriteOnce media volume is mounted by one node only: its pods are kept together. */}}
{{- define "marelle.affinity" -}}
{{- $rwo := and (not .root.Values.media.s3.enabled) (ne .root.Values.media.persistence.accessMode "ReadWriteMany") -}}
{{- if and .media $rwo }}
affinity:
  podAffinity:
    requiredDuringSchedulingIgnoredDuringExecution:
      - topologyKey: kubernetes.io/hostname
        labelSelector:
          matchLabels:
            app.kubernetes.io/instance: {{ .root.Release.Name }}
            marelle-media-volume: "true"
{{- else if .root.Values.affinity }}
affinity:
  {{- toYaml .root.Values.affinity | nindent 2 }}
{{- end }}
{{- end -}}

{{- define "marelle.mediaLabel" -}}
{{- if and .media (not .root.Values.media.s3.enabled) }}
marelle-media-volume: "true"
{{- end }}
{{- end -}}

{{/* Refusals: what the schema cannot say across values. ---------------------------------- */}}
{{- define "marelle.validate" -}}
{{- if gt (int .Values.beat.replicas) 1 -}}
{{- fail "beat.replicas ne peut pas dépasser 1 : deux beats enverraient chaque tâche périodique deux fois." -}}
{{- end -}}
{{- if not .Values.existingSecret -}}
{{- fail "existingSecret est obligatoire : le nom du Secret qui porte SECRET_KEY, DATABASE_URL, REDIS_URL…" -}}
{{- end -}}
{{- if and .Values.media.s3.enabled (not .Values.media.s3.bucket) -}}
{{- fail "media.s3.bucket est obligatoire quand media.s3.enabled est vrai." -}}
{{- end -}}
{{- if and (not .Values.media.s3.enabled) (ne .Values.media.persistence.accessMode "ReadWriteMany") -}}
{{- $many := or (gt (int .Values.web.replicas) 1) .Values.web.autoscaling.enabled -}}
{{- range $name, $w := .Values.workers -}}
{{- if or (gt (int $w.replicas) 1) $w.autoscaling.enabled -}}
{{- $many = true -}}
{{- end -}}
{{- end -}}
{{- if $many -}}
{{- fail "Un volume média ReadWriteOnce ne sert qu'un pod web et un pod par worker : activez media.s3 (recommandé), ou media.persistence.accessMode: ReadWriteMany, ou ramenez web.replicas et workers.*.replicas à 1 sans autoscaling." -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The Certificate and TLS Secret of a structure's own domain. */}}
{{- define "marelle.customDomainName" -}}
{{- printf "%s-domain-%s" (include "marelle.fullname" .root) (.domain | replace "." "-") | trunc 253 | trimSuffix "-" -}}
{{- end -}}
