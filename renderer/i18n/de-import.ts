/** German words of the add-account, backup and restore flow; the compiler checks every key. */
import type { enImport } from './en-import';

export const deImport: Record<keyof typeof enImport, string> = {
  addAccount: 'Konto hinzufügen',
  addAccountTitle: 'Konto hinzufügen',
  addAccountIntro:
    'Verwenden Sie den QR-Code oder den Einrichtungsschlüssel, den die Website für eine Authenticator-App anzeigt.',
  scanScreen: 'Bildschirm scannen',
  scanScreenHint: 'Zeigen Sie den QR-Code zuerst auf einem Bildschirm an.',
  scanScreenUnavailable:
    'Dieses Fenster kann den Bildschirm hier nicht aufnehmen. Speichern Sie ein Bildschirmfoto und öffnen Sie es.',
  openImage: 'Bild öffnen…',
  imageTooLarge: 'Das Bild ist größer als 16 MB. Schneiden Sie das Bildschirmfoto auf den QR-Code zu.',
  dropImage: 'oder ziehen Sie ein Bildschirmfoto oder Bild des QR-Codes hierher',
  pasteImage: 'Kopiertes Bild einfügen',
  uriLabel: 'Oder fügen Sie eine otpauth://- oder otpauth-migration://-URI ein',
  readUri: 'Lesen',
  typeSecret: 'Geheimnis stattdessen eintippen',
  scanning: 'Suche nach QR-Codes…',
  typedTitle: 'Konto eintippen',
  issuer: 'Website oder Aussteller',
  accountName: 'Konto (Benutzername)',
  typedNeedsName: 'Geben Sie die Website, das Konto oder beides an.',
  back: 'Zurück',
  next: 'Weiter',
  reviewTitleOne: 'Konto prüfen',
  reviewTitleMany: '{n} Konten prüfen',
  reviewFound: 'Gefunden: {label}',
  accountKindTotp: 'TOTP, {digits} Stellen, alle {period} s',
  accountKindHotp: 'HOTP, {digits} Stellen, nächster Zähler {counter}',
  include: 'Schreiben',
  nameShortenedOk: 'Diesen gekürzten Namen verwenden',
  replaces: 'Dies ersetzt „{name}“ in Slot {slot}. Sein Geheimnis geht verloren.',
  replaceOk: 'Ersetzen',
  slotTwice: 'Ein anderes Konto kommt schon in diesen Slot.',
  showSecret: 'Geheimnis zeigen',
  hideSecret: 'Geheimnis verbergen',
  secretCopyNote:
    'Schreiben Sie es auf oder legen Sie es in einem Passwortmanager ab: Damit können Sie das Konto erneut einrichten.',
  hotpVerifyNote:
    'Nach dem Schreiben prüft keyslot den Slot, indem es den Token nach einem Code fragt. Das verbraucht einen Zählerschritt, und dieser Code ist der, den Sie auf der Website eingeben.',
  cannotWrite: 'Nicht schreibbar ({n})',
  refuseAdvice_algorithm:
    'Behalten Sie dieses Konto in einer Authenticator-App, die seinen Algorithmus kann, oder bitten Sie die Website um ein SHA-1-Geheimnis.',
  refuseAdvice_digits:
    'Bitten Sie die Website um eine Einrichtung mit 6 oder 8 Stellen, oder behalten Sie das Konto in einer Authenticator-App.',
  refuseAdvice_secret:
    'Prüfen Sie, ob der ganze QR-Code gelesen wurde. Ältere Firmware speichert höchstens 20 Bytes: Aktualisieren Sie die Firmware oder behalten Sie das Konto woanders.',
  refuseAdvice_period:
    'Der Token speichert Zeitschritte von 1 bis 65535 Sekunden; behalten Sie das Konto in einer Authenticator-App.',
  refuseAdvice_other: 'Richten Sie das Konto auf der Website neu ein und scannen Sie den neuen QR-Code.',
  noFreeAdvice:
    'Löschen Sie Slots, die Sie nicht mehr brauchen, oder wählen Sie Konten ab und versuchen Sie es erneut.',
  notesTitle: 'Hinweise',
  backupTitle: 'Eine Kopie behalten',
  backupIntro:
    'Geht der Token verloren oder kaputt, ist eine Kopie des Geheimnisses der einzige Weg, das Konto ohne Neueinrichtung auf der Website auf einen neuen Token zu bringen.',
  backupFile: 'Verschlüsselte Sicherungsdatei',
  backupPath: 'Pfad der Sicherungsdatei auf diesem Computer',
  backupPathHint:
    'keyslot schreibt sie dorthin (eine neue Datei, oder es ergänzt eine vorhandene Sicherung). Ohne das Passwort ist sie nicht lesbar.',
  chooseFile: 'Wählen…',
  noFileChosen: 'Noch keine Datei gewählt.',
  backupPassword: 'Passwort der Sicherung',
  backupPasswordAgain: 'Passwort der Sicherung wiederholen',
  passwordsDiffer: 'Die Passwörter sind verschieden.',
  addToBackup: 'Zur Sicherung hinzufügen',
  backupAdded: 'Hinzugefügt. Konten in dieser Sicherung: {n}.',
  sheetTitle: 'Druckbares Wiederherstellungsblatt',
  sheetIntro:
    'Eine Seite mit einem QR-Code pro Konto. Sie enthält die Geheimnisse im Klartext: Drucken Sie sie aus, verschließen Sie sie und löschen Sie dann die Datei.',
  sheetPath: 'Pfad des Blatts (eine neue HTML-Datei)',
  saveSheet: 'Blatt speichern',
  sheetSaved: '{path} gespeichert. Öffnen Sie es in einem Browser, um es zu drucken.',
  writeToToken: 'Auf den Token schreiben',
  skipBackup: 'Ohne Kopie schreiben',
  writing: 'Schreiben und prüfen…',
  doneTitle: 'Ihr neuer Code',
  doneTitleMany: 'Geschrieben und geprüft',
  doneTitleFailed: 'Die Prüfung ist fehlgeschlagen',
  doneCheckOk: 'Geprüft: Der Code des Tokens passt zum Geheimnis.',
  doneCheckFailed:
    'Die Prüfung ist FEHLGESCHLAGEN: {why} Verlassen Sie sich nicht auf diesen Slot; löschen Sie ihn und fügen Sie das Konto erneut hinzu.',
  doneTypeCode: 'Geben Sie diesen Code auf der Website ein, die danach gefragt hat.',
  doneValidFor: 'Noch {s} Sekunden gültig.',
  doneExpired: 'Dieser Code ist abgelaufen. Kopieren Sie einen neuen:',
  doneHotpCode: 'Dieser Code verwendete Zähler {counter}; der nächste Code kommt vom nächsten.',
  doneStopped: 'Der Token hat bei {label} aufgehört: {why} Die Konten davor wurden geschrieben.',
  secondToken: 'Auf einen zweiten Token schreiben…',
  secondTokenTitle: 'Auf einen zweiten Token schreiben',
  secondTokenBody:
    'Ziehen Sie diesen Token ab und stecken Sie den Ersatz ein. keyslot bemerkt ihn und schlägt Slots darauf vor.',
  secondTokenWaiting: 'Warte auf einen anderen Token…',
  restore: 'Sicherung wiederherstellen…',
  restoreTitle: 'Sicherung wiederherstellen',
  restoreIntro:
    'Schreibt die Konten der Sicherung auf den jetzt eingesteckten Token (diesen oder einen neuen), nachdem Sie die Liste geprüft haben. Alle Konten oder keins.',
  restoreOpen: 'Sicherung öffnen',
  restoreReview: 'Sicherung vom {date} wiederherstellen (Konten: {n})',
  restoreAll: 'Alle wiederherstellen',
  alreadyOnTokenTitle: 'Schon auf diesem Token ({n})',
  alreadyOnTokenItem:
    'Slot {slot} „{name}“ erzeugt den Code dieses Kontos, daher wird es nicht noch einmal geschrieben.',
  allOnToken: 'Alle Konten dieser Sicherung sind schon auf diesem Token. Es wird nichts geschrieben.',
};
