#!/bin/bash
# Installs, upgrades, removes and purges the package for real, with dpkg and the real adduser, inside
# a private mount namespace where /etc, /var and /usr are overlays on a tmpfs: nothing reaches the
# machine's own files, and everything vanishes when the namespace ends. Run by PackageInstallIT as
#   unshare -m --propagation private install-in-namespace.sh DEB JAVA_HOME
# Prints "step NAME" before each step and "SETUP-OK" once the overlays are in place; without it the
# machine cannot host the test (no root, no mount namespaces, no overlayfs) and nothing was installed.
set -euo pipefail
deb="$1"
java_home="$2"
scratch="$(mktemp -d)"
mount -t tmpfs tmpfs "$scratch"
for d in etc var usr; do
    mkdir -p "$scratch/$d-up" "$scratch/$d-work"
    mount -t overlay overlay -o "lowerdir=/$d,upperdir=$scratch/$d-up,workdir=$scratch/$d-work" "/$d"
done
# the maintainer scripts must not reach the machine's own systemd: hide it, so they see none
if [ -d /run/systemd ]; then
    mount -t tmpfs tmpfs /run/systemd
fi
# the overlays really hide the machine: a file made here is not in the machine's /etc
touch /etc/.liana-rig-namespace-probe
echo SETUP-OK
# man-db's trigger rebuilds the whole man index after every dpkg run: seconds, and not under test
rm -f /var/lib/man-db/auto-update

# as the service user with its groups, without PAM (no session with the machine's logind)
as_rig() {
    setpriv --reuid=liana-rig --regid=liana-rig --init-groups \
        env -i HOME=/var/lib/liana-rig JAVA_HOME="$java_home" PATH=/usr/bin:/bin sh -c "$*"
}

echo "step install"
# the Java dependency is checked by DebPackageIT; this machine's JDK may not come from a package
dpkg --force-depends -i "$deb" >/dev/null
dpkg-query -W -f='status ${Status}\n' liana-rig
id liana-rig
stat -c 'dir %n %U:%G %a' /var/lib/liana-rig /var/lib/liana-rig/calibration /var/lib/liana-rig/profiles /var/lib/liana-rig/journal
echo "version $(as_rig rig --version | head -1)"
# the service user can write its data, and nothing in /etc
as_rig "touch /var/lib/liana-rig/journal/probe" && echo "data writable"
as_rig "touch /etc/liana-rig/probe" 2>/dev/null || echo "etc not writable"

echo "step upgrade"
echo "# a technician's edit" >> /etc/liana-rig/rig.yaml
echo '{}' > /var/lib/liana-rig/calibration/NODE-1.json
dpkg --force-depends -i "$deb" >/dev/null
echo "rig.yaml last line: $(tail -1 /etc/liana-rig/rig.yaml)"
ls /var/lib/liana-rig/calibration | sed 's/^/kept /'

echo "step remove"
dpkg -r liana-rig >/dev/null
[ -e /usr/bin/rig ] || echo "rig removed"
ls /var/lib/liana-rig/calibration | sed 's/^/kept /'
[ -f /etc/liana-rig/rig.yaml ] && echo "conffile kept"

echo "step purge"
dpkg -P liana-rig >/dev/null
[ -e /var/lib/liana-rig ] || echo "data purged"
[ -e /etc/liana-rig ] || echo "etc purged"
echo "step done"
