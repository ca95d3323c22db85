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
};

export const reasonsDe: Record<ReasonCode, Words> = {};

export const followersDe: Record<keyof typeof followersEn, Words> = {
  triesLeft: (f, plural) =>
    f.retriesLeft === 0
      ? 'Es sind keine Versuche mehr übrig: Die PIN ist jetzt gesperrt.'
      : `Noch ${f.retriesLeft} ${plural(f.retriesLeft ?? 0, 'Versuch', 'Versuche')}, bevor sie gesperrt wird.`,
  ref: (f) => `(Referenz ${f.ref})`,
};
