; Inno Setup 6 script: the Windows installer for countdesk.
;
; Made by `python installer\build.py` on Windows when Inno Setup's ISCC is on the PATH,
; after PyInstaller has built dist\countdesk. By hand, from the checkout's root:
;
;   ISCC /DAppVersion=0.1.0 /DSourceDir=%CD%\dist\countdesk /O%CD%\dist installer\countdesk.iss
;
; Signing (only when build.py sees COUNTDESK_SIGN_PFX): build.py adds
;   /DSign "/Scountdesk=signtool sign /f FILE.pfx /p PASSWORD /fd sha256 /tr URL /td sha256 $f"
; so that the installer and its uninstaller are signed too (the two programs inside are
; signed by build.py before this runs).
;
; Installs for the current user by default (no administrator needed on a council laptop),
; or for all users when run as administrator. The store and settings (%APPDATA%\countdesk)
; are never touched by installing, upgrading or uninstalling.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\dist\countdesk"
#endif

[Setup]
AppId={{DD2D159E-2427-4AD3-8692-6D4690DB5677}
AppName=countdesk
AppVersion={#AppVersion}
AppVerName=countdesk {#AppVersion}
AppPublisher=countdesk
AppComments=The count desk for UK local elections (offline)
DefaultDirName={autopf}\countdesk
DefaultGroupName=countdesk
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputBaseFilename=countdesk-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\countdesk-app.exe
UninstallDisplayName=countdesk {#AppVersion}
; An upgrade replaces the program files; close a running countdesk first.
CloseApplications=yes
#ifdef Sign
SignTool=countdesk
SignedUninstaller=yes
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; A previous version's library folder: files that the new version no longer has must go.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\countdesk"; Filename: "{app}\countdesk-app.exe"; Comment: "The count desk for UK local elections"
Name: "{group}\countdesk (demo election)"; Filename: "{app}\countdesk-app.exe"; Parameters: "--demo"; Comment: "A fresh copy of the Sutton 2018 demo; never your own store"
Name: "{group}\Read me"; Filename: "{app}\README.txt"
Name: "{autodesktop}\countdesk"; Filename: "{app}\countdesk-app.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\countdesk-app.exe"; Description: "Start countdesk"; Flags: nowait postinstall skipifsilent
