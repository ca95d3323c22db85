/**
 * Linux udev rules that let the logged-in user open the tokens without root. Without them,
 * opening /dev/hidraw* fails with EACCES and keyslot reports DeviceError('hid-permission').
 * The ids are those of protocol reference §1.1 (Nitrokey Pro, Nitrokey Storage, Librem Key) and of the
 * Nitrokey 3 (nitrokey3-secrets.md §2.1: 20a0:42b2, its FIDO HID interface for CTAPHID; PC/SC goes through pcscd).
 */

/** File name to install the rules under, in /etc/udev/rules.d/. */
export const UDEV_RULES_FILE = '41-keyslot.rules';

/** Contents of {@link UDEV_RULES_FILE}: hidraw nodes (node-hid) and raw USB (libusb). */
export const UDEV_RULES = `# keyslot: Nitrokey Pro, Nitrokey Storage, Librem Key, Nitrokey 3 for the logged-in user
ACTION!="add|change", GOTO="keyslot_end"
KERNEL=="hidraw*", SUBSYSTEM=="hidraw", ATTRS{idVendor}=="20a0", ATTRS{idProduct}=="4108", TAG+="uaccess"
KERNEL=="hidraw*", SUBSYSTEM=="hidraw", ATTRS{idVendor}=="20a0", ATTRS{idProduct}=="4109", TAG+="uaccess"
KERNEL=="hidraw*", SUBSYSTEM=="hidraw", ATTRS{idVendor}=="316d", ATTRS{idProduct}=="4c4b", TAG+="uaccess"
KERNEL=="hidraw*", SUBSYSTEM=="hidraw", ATTRS{idVendor}=="20a0", ATTRS{idProduct}=="42b2", TAG+="uaccess"
SUBSYSTEM=="usb", ATTR{idVendor}=="20a0", ATTR{idProduct}=="4108", TAG+="uaccess"
SUBSYSTEM=="usb", ATTR{idVendor}=="20a0", ATTR{idProduct}=="4109", TAG+="uaccess"
SUBSYSTEM=="usb", ATTR{idVendor}=="316d", ATTR{idProduct}=="4c4b", TAG+="uaccess"
LABEL="keyslot_end"
`;

/**
 * The fields of a 'hid-permission' error that say how to install the rules (the words are the vocabulary's
 * reason 'udev-rule': save these lines as the file, then reload udev).
 */
export function udevRuleFields(): { reason: 'udev-rule'; value: string; text: string } {
  return { reason: 'udev-rule', value: UDEV_RULES_FILE, text: UDEV_RULES.trimEnd() };
}
