; Inno Setup script for Parallax on Windows (Inno Setup 6).
;
; Built by build_scripts/windows_installer.py, which passes the version from pyproject.toml and
; the PyInstaller folder:
;   iscc /DAppVersion=0.1.0 /DBundleDir=..\..\dist\parallax installer\windows\parallax.iss
; The output is dist\Parallax-<version>-setup.exe.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=x.y.z (build_scripts/windows_installer.py does)
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\parallax"
#endif
#ifndef Compression
  ; Release builds: smallest download. The packaging test compiles with /DCompression=none.
  #define Compression "lzma2/max"
#endif
#define AppName "Parallax"
#define AppExe "parallax.exe"
#define AppProgId "Parallax.Workspace"

[Setup]
; Never change AppId: upgrades and the uninstaller find earlier installs by it.
AppId={{6F0C2A5E-3B7D-4E59-9C1A-8D2F4B6E7A13}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Parallax developers
AppPublisherURL=https://example.invalid/parallax
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
LicenseFile=..\..\LICENSE
OutputDir=..\..\dist
OutputBaseFilename=Parallax-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\parallax.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression={#Compression}
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequiredOverridesAllowed=dialog
ChangesAssociations=yes
; Windows 10 1809 (build 17763) and later: what Qt 6 and Python 3.11 support.
MinVersion=10.0.17763
; Ask for the wizard's language only when the system's is neither English nor Chinese.
ShowLanguageDialog=auto

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
; Inno Setup 6.4 ships no Chinese; ours is laid over Default.isl (English for anything missing).
Name: "chinesesimplified"; MessagesFile: "compiler:Default.isl,ChineseSimplified.isl"

[CustomMessages]
english.FileAssocTask=Open .parallax workspaces with Parallax
english.FileAssocGroup=File associations:
english.WorkspaceType=Parallax workspace
; Their Chinese texts are in ChineseSimplified.isl (a UTF-8 file; this script stays ASCII).

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "fileassoc"; Description: "{cm:FileAssocTask}"; GroupDescription: "{cm:FileAssocGroup}"

[Files]
Source: "{#BundleDir}\{#AppExe}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#BundleDir}\_internal\*"; DestDir: "{app}\_internal"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\..\resources\icons\parallax.ico"; DestDir: "{app}"; Flags: ignoreversion
Source: "..\..\LICENSE"; DestDir: "{app}"; DestName: "LICENSE.txt"; Flags: ignoreversion
Source: "..\..\THIRD_PARTY.md"; DestDir: "{app}"; DestName: "THIRD_PARTY.txt"; Flags: ignoreversion

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; IconFilename: "{app}\parallax.ico"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; IconFilename: "{app}\parallax.ico"; Tasks: desktopicon

[Registry]
; .parallax -> Parallax.Workspace -> "parallax.exe" "%1"; removed again by the uninstaller.
Root: HKA; Subkey: "Software\Classes\.parallax\OpenWithProgids"; ValueType: string; ValueName: "{#AppProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: fileassoc
Root: HKA; Subkey: "Software\Classes\{#AppProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:WorkspaceType}"; Flags: uninsdeletekey; Tasks: fileassoc
Root: HKA; Subkey: "Software\Classes\{#AppProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\parallax.ico,0"; Tasks: fileassoc
Root: HKA; Subkey: "Software\Classes\{#AppProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: fileassoc
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".parallax"; ValueData: ""; Tasks: fileassoc

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
