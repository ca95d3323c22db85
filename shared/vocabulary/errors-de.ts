/**
 * German words of every error code, key for key as errors-en.ts (the compiler checks that every code
 * is here). Words as in the UI's table: Token, Slot, Geheimnis, Admin-PIN, Benutzer-PIN, Passwort-Safe,
 * Sicherung, Zurücksetzen.
 *
 * To add an error code: add the English entry to errors-en.ts first, then the German one here.
 */
import type { AppErrorCode, BackupProblemCode, DeviceErrorCode, ReasonCode } from './codes';
import type { followersEn } from './errors-en';
import type { Words } from './types';

export const deviceErrorsDe: Record<DeviceErrorCode, Words> = {
  'no-token': 'Es ist kein Token eingesteckt. Stecken Sie einen ein und versuchen Sie es erneut.',
  'hid-permission':
    'Ein Token ist eingesteckt, aber dieser Benutzer darf ihn nicht öffnen. Installieren Sie die unten gezeigte udev-Regel und stecken Sie den Token dann neu ein.',
  'wrong-pin': 'Falsche PIN.',
  'pin-locked':
    'Die PIN ist nach zu vielen Fehlversuchen gesperrt. Entsperren Sie die Benutzer-PIN mit der Admin-PIN; eine gesperrte Admin-PIN lässt sich nur durch Zurücksetzen des Tokens entsperren.',
  'pin-invalid': 'Diese PIN lässt sich nicht verwenden: Sie ist leer oder zu lang.',
  'pin-change-refused': 'Der Token hat die neue PIN abgelehnt. Wählen Sie eine andere und versuchen Sie es erneut.',
  'not-authorized': 'Der Token hat die Autorisierung nicht angenommen. Geben Sie die PIN erneut ein.',
  'slot-empty': 'Dieser Slot hat noch kein Geheimnis.',
  'wrong-slot': 'Diesen Slot hat der Token nicht.',
  'name-empty': 'Ein Slot braucht einen Namen.',
  'name-too-long': 'Der Name ist zu lang für den Token.',
  'secret-invalid': 'Das Geheimnis ist weder gültiges Base32 noch gültiges Hex.',
  'secret-too-long': 'Das Geheimnis ist länger, als dieser Token speichern kann.',
  'secret-empty': 'Das Geheimnis ist leer.',
  'digits-unsupported': 'Der Token erzeugt nur Codes mit 6 oder 8 Stellen.',
  'algorithm-unsupported':
    'Der Token berechnet Codes nur mit HMAC-SHA1. Dieses Konto braucht einen anderen Algorithmus, daher kann der Token seine Codes nicht erzeugen.',
  'period-unsupported': 'Diesen Zeitschritt kann der Token nicht speichern.',
  'counter-invalid': 'Der HOTP-Zähler muss eine ganze Zahl von 0 bis 18446744073709551615 sein.',
  'uri-invalid': 'Dies ist keine gültige otpauth://-URI.',
  'time-refused': 'Der Token hat das Stellen seiner Uhr abgelehnt.',
  'not-supported': 'Dieser Token oder seine Firmware unterstützt diesen Befehl nicht.',
  'pws-locked': 'Der Passwort-Safe ist gesperrt. Entsperren Sie ihn mit der Benutzer-PIN.',
  'pws-no-key': 'Der Passwort-Safe hat noch keinen Schlüssel. Erzeugen Sie ihn zuerst mit der Admin-PIN.',
  'pws-slot-empty': 'Dieser Eintrag des Passwort-Safes ist leer.',
  'pws-field-too-long': 'Ein Feld des Eintrags ist zu lang für den Passwort-Safe des Tokens.',
  refused: 'Der Token hat die Anfrage abgelehnt.',
  'token-unplugged':
    'Der Token wurde während des Vorgangs abgezogen. Stecken Sie ihn wieder ein und versuchen Sie es erneut.',
  'bad-response':
    'Der Token hat eine beschädigte Antwort gesendet. Versuchen Sie es erneut; geschieht das wieder, stecken Sie den Token neu ein.',
  timeout: 'Der Token hat nicht rechtzeitig geantwortet. Stecken Sie ihn neu ein und versuchen Sie es erneut.',
  busy: 'Der Token ist mit einem anderen Vorgang beschäftigt. Warten Sie einen Moment und versuchen Sie es erneut.',
  'state-corrupt': 'Die Zustandsdatei des virtuellen Tokens ist beschädigt; sie wurde nicht verändert.',
  cancelled: 'Abgebrochen; es wurde nichts geändert.',
  'bad-input': 'Die Eingabe ist ungültig.',
  'touch-timeout':
    'Der Nitrokey 3 wurde nicht rechtzeitig berührt (oder die Berührung wurde abgelehnt) und hat nichts getan. Berühren Sie ihn, wenn er blinkt, und versuchen Sie es erneut.',
  'credential-exists': (f) =>
    f.name !== undefined
      ? `Der Token enthält bereits einen Eintrag namens „${f.name}“. Löschen Sie ihn zuerst oder wählen Sie einen anderen Namen.`
      : 'Der Token enthält bereits einen Eintrag dieses Namens. Löschen Sie ihn zuerst oder wählen Sie einen anderen Namen.',
  'credential-not-found':
    'Der Token hat keinen Eintrag dieses Namens. Mit der PIN geschützte Einträge werden nur mit der PIN gefunden.',
  'store-full': (f) =>
    f.max !== undefined
      ? `Der Token enthält ${f.max} Einträge, so viele er kann. Löschen Sie zuerst einen.`
      : 'Der Token hat keinen Platz für einen weiteren Eintrag. Löschen Sie zuerst einen.',
  'pin-not-set': 'Der Token hat noch keine PIN. Legen Sie zuerst eine fest (keyslot pin set).',
  'pin-already-set': 'Der Token hat bereits eine PIN. Um sie zu ändern, geben Sie auch die aktuelle PIN an.',
  'pin-required': 'Dafür wird die PIN gebraucht. Geben Sie sie ein und versuchen Sie es erneut.',
  'code-rejected': 'Der Token hat diesen Code nicht angenommen.',
  'credential-kind-mismatch':
    'Dieser Eintrag kann das nicht (ein reiner Passwort-Eintrag erzeugt keine Codes; ein Reverse-HOTP-Eintrag prüft sie nur).',
  'nk3-algorithm-unsupported': 'Der Nitrokey 3 berechnet Codes nur mit SHA-1 und SHA-256.',
  'nk3-digits-unsupported': 'Der Nitrokey 3 erzeugt Codes mit 6, 7 oder 8 Stellen.',
  'socket-path-taken': (f) =>
    `${f.text} existiert und ist kein Socket, daher lässt keyslot es unangetastet. Wählen Sie einen anderen Pfad für --socket.`,
  'text-unsafe': (f) =>
    `${f.field === 'issuer' ? 'Der Aussteller' : f.field === 'account' ? 'Das Konto' : 'Der Name'} enthält Steuerzeichen oder eine Umkehrung der Schreibrichtung; keyslot schreibt das nicht, weil es verbergen oder verändern könnte, was ein Terminal oder Fenster zeigt.`,
  'file-too-large': (f) =>
    `Die Datei ist größer, als keyslot dafür liest (höchstens ${Math.round((f.maxBytes ?? 0) / 1048576)} MiB); sie wurde nicht gelesen.`,
  unknown: 'Etwas Unerwartetes ist schiefgegangen. Einzelheiten stehen im Protokoll.',
};

export const appErrorsDe: Record<Exclude<AppErrorCode, 'no-token'>, Words> = {
  'bad-request': 'keyslot konnte die Anfrage nicht ausführen.',
  'confirmation-needed': 'Bestätigen Sie diesen Schritt zuerst.',
  'nothing-found': 'Es wurde kein Konto gefunden.',
  'import-expired':
    'Dieser Import wird nicht mehr bereitgehalten (er wurde geschlossen oder 30 Minuten lang nicht verwendet). Scannen Sie das Konto erneut oder fügen Sie es erneut ein.',
  'capture-unavailable':
    'Der Bildschirm lässt sich hier nicht aufnehmen (das System hat es abgelehnt, oder es gibt keinen Bildschirm). Speichern Sie ein Bildschirmfoto und öffnen Sie es, oder fügen Sie die URI ein.',
  'verify-failed': (f) =>
    `Der erste Code des Tokens${f.name ? ` für „${f.name}“` : ''} ist nicht der Code, den sein Geheimnis ergibt; er würde bei der Website nicht funktionieren. Löschen Sie ihn und fügen Sie ihn erneut hinzu; prüfen Sie das Geheimnis.`,
  'move-expired':
    'Dieser Umzugsplan wird nicht mehr bereitgehalten (die Token haben sich geändert, oder er blieb ungenutzt). Planen Sie den Umzug erneut.',
};

export const backupErrorsDe: Record<BackupProblemCode, Words> = {
  'backup-missing': 'Die Sicherungsdatei existiert nicht.',
  'backup-exists':
    'Eine Datei dieses Namens gibt es schon; keyslot überschreibt sie nicht. Wählen Sie einen anderen Namen.',
  'backup-unreadable':
    'Die Datei lässt sich hier nicht lesen oder schreiben (fehlende Berechtigung oder ein Ordner dieses Namens).',
  'backup-not-a-backup': 'Diese Datei ist keine Sicherung von keyslot.',
  'backup-truncated':
    'Die Sicherungsdatei ist unvollständig (ein abgebrochenes Kopieren oder Herunterladen). Verwenden Sie eine andere Kopie; es wurde nichts wiederhergestellt.',
  'backup-damaged':
    'Die Sicherungsdatei ist beschädigt: Ihr Dateikopf ist nicht der, den keyslot schreibt. Verwenden Sie eine andere Kopie; es wurde nichts wiederhergestellt.',
  'backup-future-version':
    'Diese Sicherung stammt von einer neueren Version von keyslot. Aktualisieren Sie keyslot, um sie zu öffnen; es wurde nichts wiederhergestellt.',
  'backup-wrong-password':
    'Das Passwort öffnet diese Sicherung nicht. Prüfen Sie es und versuchen Sie es erneut. (Wenn Sie sicher sind, dass es stimmt, wurde die Datei dort verändert, wo sie die Schlüsselparameter speichert.)',
  'backup-tampered':
    'Das Passwort stimmt, aber die verschlüsselten Konten wurden nach dem Schreiben der Sicherung verändert oder beschädigt. Verwenden Sie eine andere Kopie; es wurde nichts wiederhergestellt.',
  'backup-invalid-content':
    'Die Sicherung ließ sich öffnen, aber ein Konto darin ist ungültig; daher wurde nichts wiederhergestellt.',
  'backup-password-empty':
    'Das Passwort der Sicherung ist leer. Wählen Sie eines, das Sie sich merken können; es lässt sich nicht wiederherstellen.',
  'backup-too-large':
    'Diese Datei ist größer als jede Sicherung von keyslot (höchstens 1 MiB); sie wurde nicht gelesen. Es wurde nichts wiederhergestellt.',
  'backup-too-costly':
    'Diese Sicherung verlangt zum Öffnen mehr Speicher oder Zeit, als keyslot erlaubt (scrypt höchstens 256 MiB); keyslot schreibt nie eine solche Datei. Es wurde nichts wiederhergestellt.',
};

const pinDe = (kind?: string) => (kind === 'admin' ? 'Admin-PIN' : kind === 'user' ? 'Benutzer-PIN' : 'PIN');
const fieldDe = (field?: string) =>
  field === 'login' ? 'Login' : field === 'password' ? 'Passwort' : field === 'name' ? 'Name' : (field ?? '');

export const reasonsDe: Record<ReasonCode, Words> = {
  // device/
  'cli-virtual': 'Oder verwenden Sie --device virtual, um den virtuellen Token auszuprobieren.',
  'cli-virtual-nk3': 'Oder verwenden Sie --device virtual-nk3, um den virtuellen Nitrokey 3 auszuprobieren.',
  'udev-rule': (f) =>
    [
      f.other ? `(${f.other})` : '',
      `Speichern Sie diese Zeilen als /etc/udev/rules.d/${f.value}:`,
      f.text,
      'und führen Sie dann aus: sudo udevadm control --reload-rules && sudo udevadm trigger',
    ]
      .filter(Boolean)
      .join('\n'),
  'device-spec': (f) =>
    `--device nimmt auto, hid, nk3, virtual oder virtual:DATEI, virtual-nk3 oder virtual-nk3:DATEI oder eine Seriennummer, nicht „${f.value}“.`,
  'names-not-slots': 'Ein Nitrokey 3 benennt seine Einträge: Geben Sie einen Namen an, keine Slotnummer.',
  'slots-not-names': 'Dieser Token hat nummerierte Slots: Geben Sie einen Slot an (totp:N oder hotp:N).',
  'several-named': (f) => `Mehrere Einträge heißen „${f.name}“ (${f.text}); geben Sie den gemeinten an.`,
  'pin-role': (f) => `Dieser Token hat keine PIN namens „${f.value}“.`,
  'not-editable': (f) =>
    `${f.field} eines Eintrags lässt sich auf diesem Token nicht ändern; löschen Sie ihn und schreiben Sie ihn neu.`,
  'nothing-to-change': 'Nichts zu ändern: Der Eintrag sieht schon so aus.',
  'slot-token-only':
    'Dieser Befehl ist für Token mit OTP-Slots (Nitrokey Pro, Nitrokey Storage, Librem Key); ein Nitrokey 3 hat so etwas nicht.',
  'serial-not-found': (f) => `Kein Token mit der Seriennummer ${f.value} ist eingesteckt.`,
  'transport-name': (f) => `--transport nimmt hid oder pcsc, nicht „${f.value}“.`,
  'model-name': (f) => `${f.name} nimmt pro, storage oder librem, nicht „${f.value}“.`,
  'firmware-name': (f) => `${f.name} nimmt eine Version wie 0.15, nicht „${f.value}“.`,
  'pws-index': (f) => `Die Einträge des Passwort-Safes sind von 1 bis ${f.max} nummeriert.`,
  'pws-field-bytes': (f) => `Das Feld ${fieldDe(f.field)} hat ${f.bytes} Bytes; der Token speichert ${f.maxBytes}.`,
  'pin-bytes': (f) => `Verwenden Sie 1 bis ${f.max} Bytes.`,
  'qr-too-slow': (f) =>
    `Das Lesen des Bildes dauerte länger als ${f.text} und wurde abgebrochen. Schneiden Sie das Bild um den QR-Code zu und versuchen Sie es erneut.`,
  'enter-pin': (f) => `Geben Sie die ${pinDe(f.kind)} ein.`,
  'enter-pin-again': (f) => `Geben Sie die ${pinDe(f.kind)} erneut ein.`,
  'codes-need-user-pin': 'Dieser Token braucht die Benutzer-PIN für Codes. Geben Sie sie erneut ein.',
  'check-needs-user-pin':
    'Dieser Token braucht die Benutzer-PIN für Codes, und die Prüfung der geschriebenen Slots braucht einen Code. Geben Sie zuerst die Benutzer-PIN ein.',
  'slot-range': (f) => `Verwenden Sie ${f.kind ? `${f.kind}-Slots` : 'Slots'} 1 bis ${f.max}.`,
  bytes: (f) => `Das sind ${f.bytes} Bytes; der Token speichert ${f.maxBytes}.`,
  'bytes-firmware': (f) => `Das sind ${f.bytes} Bytes; diese Firmware speichert ${f.maxBytes}.`,
  'secret-zero': 'Ein Geheimnis nur aus Null-Bytes lässt sich nicht speichern.',
  'secret-every-write': 'Diese Firmware braucht das Geheimnis bei jedem Schreiben.',
  'token-id-bytes': (f) => `Die Token-ID hat höchstens ${f.maxBytes} Bytes.`,
  'period-range': 'Verwenden Sie 1 bis 65535 Sekunden.',
  'counter-8-digits': 'Diese Firmware speichert höchstens 8 Dezimalstellen.',
  'storage-totp-15': 'Der Nitrokey Storage kann TOTP-Slot 15 nicht speichern; verwenden Sie einen anderen Slot.',
  'time-not-stored': 'Der Token konnte die Zeit nicht speichern.',
  'time-use-force':
    'Wenn die Uhr dieses Computers stimmt, stellen Sie die Zeit des Tokens mit force (keyslot time set --force).',
  'totp-needs-period': 'Ein TOTP-Slot braucht einen Zeitschritt.',
  'new-slot-needs-secret': 'Ein neuer Slot braucht ein Geheimnis.',
  'write-slot-first': (f) => `Schreiben Sie eines mit: keyslot otp set ${f.slot} …`,
  'lock-key-slot': (f) => `${f.name} nimmt einen HOTP-Slot 1..3 oder off.`,
  // electron/, web-host/, the window
  'no-file-dialog': 'Dieser Host hat keinen Dateidialog; geben Sie den Pfad der Datei ein.',
  'path-not-chosen':
    'keyslot liest und schreibt nur Dateien, die in seinem eigenen Dateidialog gewählt wurden, nie einen Pfad von der Seite. Wählen Sie die Datei erneut.',
  'file-handle-expired': 'Diese Datei wurde vor zu langer Zeit oder nie gewählt. Wählen Sie die Datei erneut.',
  'file-handle-purpose':
    'Diese Datei wurde für etwas anderes gewählt (zum Öffnen, zum Speichern oder für das Blatt). Wählen Sie sie hierfür erneut.',
  'type-reset-word': (f) => `Geben Sie ${f.value} ein, um das Zurücksetzen zu bestätigen.`,
  'sheet-not-written': (f) => `Das Blatt ließ sich dort nicht schreiben (${f.text}).`,
  'setting-out-of-range': 'Eine Einstellung hat einen Wert außerhalb des erlaubten Bereichs.',
  'slot-overwrite': (f) => `Slot ${f.slot} enthält „${f.name}“. Bestätigen Sie, um ihn zu überschreiben.`,
  'slot-kind-mismatch': (f) => `${f.slot} ist ein ${f.kind}-Slot; dies ist ein ${f.other}-Konto.`,
  'chosen-twice': 'Jedes Konto und jeder Slot darf nur einmal gewählt werden.',
  'restore-already-on-token':
    'Dieses Konto ist schon auf dem Token; eine Wiederherstellung schreibt es nicht noch einmal.',
  'restore-all-or-none':
    'Eine Wiederherstellung schreibt jedes Konto der Sicherung, das noch nicht auf dem Token ist, oder keines.',
  'confirm-import-list':
    'Einige Slots enthalten schon ein Konto, oder keyslot hat einen Namen gekürzt. Bestätigen Sie die Liste, um fortzufahren.',
  'clipboard-no-image':
    'Die Zwischenablage enthält kein Bild. Kopieren Sie zuerst den QR-Code (oder ein Bildschirmfoto davon).',
  'no-such-account': (f) => `Der Import hat kein Konto ${f.count}.`,
  'account-unusable': (f) => `${f.name} lässt sich nicht verwenden:`,
  'slot-is-empty': (f) => `Slot ${f.slot} ist leer.`,
  'code-stale': 'Dieser Code ist nicht mehr der, den keyslot gezeigt hat. Kopieren Sie ihn erneut.',
  'untrusted-sender': 'Die Anfrage kam nicht aus dem Fenster von keyslot.',
  'unknown-channel': 'Unbekannter Kanal.',
  'invalid-request': (f) => `${f.text}`,
  'main-unreachable': 'Die App erreicht ihren Hauptprozess nicht.',
  'connection-lost': 'Die Verbindung zu keyslot ist unterbrochen. Laden Sie die Seite neu.',
};

export const followersDe: Record<keyof typeof followersEn, Words> = {
  triesLeft: (f, plural) =>
    f.retriesLeft === 0
      ? 'Es sind keine Versuche mehr übrig: Die PIN ist jetzt gesperrt.'
      : `Noch ${f.retriesLeft} ${plural(f.retriesLeft ?? 0, 'Versuch', 'Versuche')}, bevor sie gesperrt wird.`,
  account: (f) => `(${f.account} in ${f.slot})`,
  ref: (f) => `(Referenz ${f.ref})`,
};
