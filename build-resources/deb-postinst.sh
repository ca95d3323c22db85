#!/bin/sh
# Reloads udev so the keyslot rule applies to tokens plugged in from now on.
if command -v udevadm >/dev/null 2>&1; then
  udevadm control --reload-rules || true
  udevadm trigger --subsystem-match=hidraw --subsystem-match=usb || true
fi
exit 0
