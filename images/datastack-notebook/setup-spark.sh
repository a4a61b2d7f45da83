#!/usr/bin/env bash
# Install Apache Spark into <prefix>/spark (default /usr/local/spark) during the image
# build. The same steps as the Jupyter pyspark-notebook image, without needing Python:
#
#   setup-spark.sh --spark-version=4.1.2 --hadoop-version=3 [--scala-version=2.13] \
#                  --spark-download-url=https://dlcdn.apache.org/spark/ [--prefix=/usr/local]
#
# An empty --spark-version installs the newest release listed at the download URL.
# The tarball is checked against the .sha512 file published next to it.
set -euo pipefail

spark_version=""
hadoop_version="3"
scala_version=""
spark_download_url="https://dlcdn.apache.org/spark/"
prefix="/usr/local"

usage() {
  sed -n '2,9s/^# \{0,1\}//p' "$0"
}

die() {
  printf 'setup-spark: error: %s\n' "$*" >&2
  exit 1
}

log() {
  printf 'setup-spark: %s\n' "$*" >&2
}

for arg in "$@"; do
  case "${arg}" in
    --spark-version=*) spark_version="${arg#*=}" ;;
    --hadoop-version=*) hadoop_version="${arg#*=}" ;;
    --scala-version=*) scala_version="${arg#*=}" ;;
    --spark-download-url=*) spark_download_url="${arg#*=}" ;;
    --prefix=*) prefix="${arg#*=}" ;;
    -h | --help)
      usage
      exit 0
      ;;
    *)
      printf 'setup-spark: unknown argument: %s\n' "${arg}" >&2
      usage >&2
      exit 2
      ;;
  esac
done

for tool in curl tar sha512sum sort; do
  command -v "${tool}" >/dev/null 2>&1 || die "${tool} is required"
done

# Versions end up in URLs and paths: accept only what real releases look like.
[[ "${hadoop_version}" =~ ^[0-9]+$ ]] || die "bad --hadoop-version: ${hadoop_version}"
if [[ -n "${scala_version}" && ! "${scala_version}" =~ ^[0-9]+\.[0-9]+$ ]]; then
  die "bad --scala-version: ${scala_version}"
fi
[[ -n "${spark_download_url}" ]] || die "--spark-download-url is empty"
[[ "${spark_download_url}" == */ ]] || spark_download_url="${spark_download_url}/"

fetch() {
  curl --fail --silent --show-error --location --retry 3 "$@"
}

latest_spark_version() {
  # The download site lists one "spark-X.Y.Z/" folder per release; previews such as
  # "spark-4.1.0-preview1/" do not match the pattern and are skipped.
  fetch "${spark_download_url}" |
    grep -oE 'spark-[0-9]+\.[0-9]+\.[0-9]+/' |
    sed -e 's/^spark-//' -e 's/\/$//' |
    sort -u -V |
    tail -n 1
}

if [[ -z "${spark_version}" ]]; then
  spark_version="$(latest_spark_version || true)"
  [[ -n "${spark_version}" ]] || die "no Spark release found at ${spark_download_url}"
  log "no version given, using the latest release: ${spark_version}"
fi
[[ "${spark_version}" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "bad --spark-version: ${spark_version}"

name="spark-${spark_version}-bin-hadoop${hadoop_version}"
if [[ -n "${scala_version}" ]]; then
  name="${name}-scala${scala_version}"
fi
url="${spark_download_url}spark-${spark_version}/${name}.tgz"

work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT

log "downloading ${url}"
fetch --output "${work}/${name}.tgz" "${url}"
fetch --output "${work}/${name}.tgz.sha512" "${url}.sha512"

# Two checksum formats are published: "<hex>  <file>" (newer releases) and the
# gpg --print-md form "<file>: 8883C67E 0A138069 ..." spread over several lines.
if head -n 1 "${work}/${name}.tgz.sha512" | grep -q ':'; then
  expected="$(tr -d ' \t\r\n' <"${work}/${name}.tgz.sha512" | sed -e 's/^.*://')"
else
  expected="$(awk 'NR == 1 { print $1 }' "${work}/${name}.tgz.sha512")"
fi
expected="$(printf '%s' "${expected}" | tr 'A-F' 'a-f')"
[[ "${expected}" =~ ^[0-9a-f]{128}$ ]] || die "cannot read the checksum in ${url}.sha512"
actual="$(sha512sum "${work}/${name}.tgz" | awk '{ print $1 }')"
[[ "${actual}" == "${expected}" ]] || die "checksum mismatch for ${name}.tgz"

mkdir -p "${prefix}"
tar -xzf "${work}/${name}.tgz" -C "${prefix}"
[[ -d "${prefix}/${name}" ]] || die "${name}.tgz did not contain ${name}/"

link="${prefix}/spark"
if [[ -e "${link}" && ! -L "${link}" ]]; then
  die "${link} exists and is not a symlink"
fi
ln -sfn "${prefix}/${name}" "${link}"

# docker-stacks' start script sources before-notebook.d/*.sh; Spark's own
# spark-config.sh puts pyspark and py4j on PYTHONPATH for every kernel.
hooks="${prefix}/bin/before-notebook.d"
mkdir -p "${hooks}"
ln -sfn "${link}/sbin/spark-config.sh" "${hooks}/10spark-config.sh"

# Spark 3 on Java 17 needs Netty reflection opened for Arrow (pandas API, toPandas);
# Spark 4 does this itself.
if [[ "${spark_version%%.*}" -lt 4 && -f "${link}/conf/spark-defaults.conf.template" ]]; then
  cp -p "${link}/conf/spark-defaults.conf.template" "${link}/conf/spark-defaults.conf"
  {
    echo 'spark.driver.extraJavaOptions -Dio.netty.tryReflectionSetAccessible=true'
    echo 'spark.executor.extraJavaOptions -Dio.netty.tryReflectionSetAccessible=true'
  } >>"${link}/conf/spark-defaults.conf"
fi

log "installed ${name} at ${link}"
